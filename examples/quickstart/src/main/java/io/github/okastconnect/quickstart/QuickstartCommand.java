package io.github.okastconnect.quickstart;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.EnvDefaults;
import io.github.okastconnect.cli.ProjectVersion;
import io.github.okastconnect.streams.DurationConverter;
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
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Command line of the quickstart ({@code quickstart.sh} passes its arguments on). Each option also reads
 * {@code OKAST_QUICKSTART_<NAME>}; {@code --instance} also the older {@code OKAST_INSTANCES}. Relative paths resolve
 * against the working directory, the defaults against the checkout.
 */
@Command(
        name = "quickstart.sh",
        mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class,
        sortOptions = false,
        showDefaultValues = true,
        usageHelpWidth = 110,
        description = {
            "Starts Kafka 4.4.0 (1 KRaft broker, 1 Connect worker) as local processes, the Okast simulator (unless real",
            "instances are given), the Okast source connector, the Kafka Streams example and the ingest tracker (a web",
            "page on 127.0.0.1), then prints every lifecycle event and a per-instance summary. Ctrl-C stops everything.",
            "Durations: " + DurationConverter.FORMS + ".",
            ""
        })
final class QuickstartCommand implements Callable<Integer> {

    static final String ENV_PREFIX = "OKAST_QUICKSTART_";

    /** The variables read: {@code OKAST_QUICKSTART_X}, and {@code OKAST_INSTANCES} as before for --instance. */
    static EnvDefaults env(Map<String, String> env) {
        return EnvDefaults.of(ENV_PREFIX, env)
                .alsoReading(name -> name.equals(ENV_PREFIX + "INSTANCE") ? "OKAST_INSTANCES" : null);
    }

    private final Path cwd;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--no-build",
            description = "quickstart.sh runs what is already built (it builds anyway if nothing is)")
    boolean noBuild;

    @Option(
            names = "--instance",
            paramLabel = "id=URL[,user:pass]",
            split = "[\\s;]+",
            converter = InstanceConverter.class,
            showDefaultValue = Visibility.NEVER,
            description = {
                "poll a real Okast instance instead of the simulator; repeat, or separate several with spaces or ';'"
            })
    List<InstanceEndpoint> instances = new ArrayList<>();

    @Option(
            names = "--config",
            paramLabel = "FILE.properties",
            description = "connector properties for real instances (e.g. bearer tokens, ${env:VAR} references);"
                    + " merged over the template")
    Path connectorProperties;

    @Option(
            names = "--connector-config",
            paramLabel = "FILE.json",
            description = "connector template (default: config/quickstart-connector.json)")
    Path connectorTemplate;

    @Option(
            names = "--plugin-path",
            paramLabel = "DIR",
            description = "Connect plugin.path (default: connector/target/plugin)")
    Path pluginPath;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "Kafka data and logs, wiped at start (default: examples/quickstart/target/quickstart-run)")
    Path workDir;

    @Option(
            names = "--sim-instances",
            paramLabel = "a,b",
            split = ",",
            description = "simulator instance ids (default: okast.instances of the template)")
    List<String> simulatorInstances = new ArrayList<>();

    @Option(
            names = "--feed-interval",
            paramLabel = "DURATION",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description = "simulator: one new ingest request per instance this often")
    Duration feedInterval;

    @Option(
            names = "--summary-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "how often the per-instance summary is printed")
    Duration summaryInterval;

    @Option(names = "--no-streams", description = "do not run the Kafka Streams example")
    boolean noStreams;

    @Option(
            names = "--tracker-port",
            paramLabel = "PORT",
            defaultValue = "8089",
            description = "HTTP port of the ingest tracker's page and API (0: any free port)")
    int trackerPort;

    @Option(names = "--no-tracker", description = "do not run the ingest tracker")
    boolean noTracker;

    @Option(names = "--no-exactly-once", description = "workers without exactly.once.source.support=enabled")
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
            throw Cli.invalid(spec, "--connector-config", e.getMessage());
        }
        return QuickstartMain.run(options, template);
    }

    /** The parsed options, checked and resolved; names the option at fault. */
    QuickstartOptions options() {
        Cli.inRange(spec, "--tracker-port", trackerPort, 0, 65535);
        if (connectorProperties != null && !Files.isRegularFile(cwd.resolve(connectorProperties))) {
            throw Cli.invalid(spec, "--config", "no such file " + cwd.resolve(connectorProperties));
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

    static final class InstanceConverter implements ITypeConverter<InstanceEndpoint> {
        @Override
        public InstanceEndpoint convert(String value) {
            try {
                return InstanceEndpoint.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage()); // InstanceEndpoint never echoes a password
            }
        }
    }
}
