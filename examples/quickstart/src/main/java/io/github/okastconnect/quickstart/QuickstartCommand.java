package io.github.okastconnect.quickstart;

import io.github.okastconnect.cli.CommandBase;
import io.github.okastconnect.cli.DurationConverter;
import io.github.okastconnect.cli.EnvDefaults;
import io.github.okastconnect.cli.ParsingConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * Command line of the quickstart ({@code quickstart.sh} passes its arguments on). Each option also reads
 * {@code OKAST_QUICKSTART_<NAME>}; {@code --instance} also the older {@code OKAST_INSTANCES}. Relative paths resolve
 * against the working directory, the defaults against the checkout.
 */
@Command(
        resourceBundle = "io.github.okastconnect.quickstart.QuickstartCommand",
        name = "quickstart.sh",
        description = {
            "Starts Kafka 4.4.0 (1 KRaft broker, 1 Connect worker) as local processes, the Okast simulator (unless real",
            "instances are given), the Okast source connector, the Kafka Streams example and the ingest tracker (a web",
            "page on 127.0.0.1), then prints every lifecycle event and a per-instance summary. Ctrl-C stops everything.",
            "Durations: " + DurationConverter.FORMS + ".",
            ""
        })
final class QuickstartCommand extends CommandBase implements Callable<Integer> {

    static final String ENV_PREFIX = "OKAST_QUICKSTART_";

    /** The variables read: {@code OKAST_QUICKSTART_X}, and {@code OKAST_INSTANCES} as before for --instance. */
    static EnvDefaults env(Map<String, String> env) {
        return EnvDefaults.of(ENV_PREFIX, env)
                .alsoReading(name -> name.equals(ENV_PREFIX + "INSTANCE") ? "OKAST_INSTANCES" : null);
    }

    private final Path cwd;

    @Option(names = "--no-build")
    boolean noBuild;

    @Option(
            names = "--instance",
            paramLabel = "id=URL[,user:pass]",
            split = "[\\s;]+",
            splitSynopsisLabel = ";",
            converter = InstanceConverter.class,
            showDefaultValue = Visibility.NEVER)
    List<InstanceEndpoint> instances = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE.properties")
    Path connectorProperties;

    @Option(names = "--connector-config", paramLabel = "FILE.json")
    Path connectorTemplate;

    @Option(names = "--plugin-path", paramLabel = "DIR")
    Path pluginPath;

    @Option(names = "--work-dir", paramLabel = "DIR")
    Path workDir;

    @Option(names = "--sim-instances", paramLabel = "ID", split = ",")
    List<String> simulatorInstances = new ArrayList<>();

    @Option(names = "--feed-interval", paramLabel = "DURATION", defaultValue = "2s")
    Duration feedInterval;

    @Option(names = "--summary-interval", paramLabel = "DURATION", defaultValue = "10s")
    Duration summaryInterval;

    @Option(names = "--no-streams")
    boolean noStreams;

    @Option(names = "--tracker-port", paramLabel = "PORT", defaultValue = "8089")
    int trackerPort;

    @Option(names = "--no-tracker")
    boolean noTracker;

    @Option(names = "--no-exactly-once")
    boolean noExactlyOnce;

    QuickstartCommand(Path cwd) {
        this.cwd = cwd;
    }

    @Override
    public Integer call() {
        QuickstartOptions options = options();
        ConnectorTemplate template;
        try {
            template = ConnectorTemplate.load(options.connectorTemplate());
        } catch (RuntimeException e) {
            throw invalid("--connector-config", e.getMessage());
        }
        return QuickstartMain.run(options, template);
    }

    /** The parsed options, checked and resolved; names the option at fault. */
    QuickstartOptions options() {
        inRange("--tracker-port", trackerPort, 0, 65535);
        if (connectorProperties != null && !Files.isRegularFile(cwd.resolve(connectorProperties))) {
            throw invalid("--config", "no such file " + cwd.resolve(connectorProperties));
        }
        Path repoRoot = findRepoRoot(cwd);
        return new QuickstartOptions(
                repoRoot,
                resolve(connectorTemplate, repoRoot.resolve("config/quickstart-connector.json")),
                resolve(pluginPath, repoRoot.resolve("connector/target/plugin")),
                resolve(workDir, repoRoot.resolve("examples/quickstart/target/quickstart-run")),
                instances,
                Optional.ofNullable(connectorProperties).map(cwd::resolve),
                simulatorInstances.stream()
                        .map(String::strip)
                        .filter(id -> !id.isEmpty())
                        .toList(),
                feedInterval,
                summaryInterval,
                !noStreams,
                !noExactlyOnce,
                noTracker ? -1 : trackerPort);
    }

    private Path resolve(Path given, Path otherwise) {
        return given == null ? otherwise : cwd.resolve(given);
    }

    /** The checkout is the first ancestor holding examples/quickstart/pom.xml, so any working directory works. */
    static Path findRepoRoot(Path cwd) {
        for (Path dir = cwd.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/quickstart/pom.xml"))) {
                return dir;
            }
        }
        return cwd.toAbsolutePath().normalize();
    }

    /** InstanceEndpoint's messages never echo a password. */
    static final class InstanceConverter extends ParsingConverter<InstanceEndpoint> {
        InstanceConverter() {
            super(InstanceEndpoint::parse);
        }
    }
}
