package io.github.okastconnect.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command line of the quickstart. Without --instance, OKAST_INSTANCES or --config it runs against the simulator.
 *
 * @param repoRoot           the checkout; relative defaults below resolve against it
 * @param connectorTemplate  JSON of the connector ({@code {"name":..,"config":{..}}} or a flat config map)
 * @param pluginPath         Connect plugin.path: the folder holding {@code okast-source/lib/*.jar}
 * @param workDir            Kafka data, configs and logs (wiped at every start)
 * @param instances          real instances; empty means simulator unless {@code connectorProperties} is given
 * @param connectorProperties a .properties file merged over the template's instance settings (real instances)
 * @param simulatorInstances ids for the simulator; empty means those of the template's okast.instances
 * @param feedInterval       the simulator posts one ingest request per instance this often
 * @param summaryInterval    how often the per-instance summary is printed
 * @param streams            also run the Kafka Streams example
 * @param exactlyOnce        workers with exactly.once.source.support=enabled (as config/connect-distributed.properties)
 * @param trackerPort        HTTP port of the ingest tracker (0: any free port), -1 to not run it
 */
public record QuickstartOptions(
        Path repoRoot,
        Path connectorTemplate,
        Path pluginPath,
        Path workDir,
        List<InstanceEndpoint> instances,
        Optional<Path> connectorProperties,
        List<String> simulatorInstances,
        Duration feedInterval,
        Duration summaryInterval,
        boolean streams,
        boolean exactlyOnce,
        int trackerPort) {

    public static final String ENV_INSTANCES = "OKAST_INSTANCES";

    public QuickstartOptions {
        instances = List.copyOf(instances);
        simulatorInstances = List.copyOf(simulatorInstances);
    }

    public boolean useSimulator() {
        return instances.isEmpty() && connectorProperties.isEmpty();
    }

    /** Thrown for --help and for bad arguments; the message is what to print. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean help;

        UsageException(String message, boolean help) {
            super(message);
            this.help = help;
        }

        public boolean isHelp() {
            return help;
        }
    }

    public static final String USAGE = """
            Usage: quickstart.sh [--no-build] [options]
              Starts Kafka 4.4.0 (1 KRaft broker, 1 Connect worker) as local processes, the Okast simulator
              (unless real instances are given), the Okast source connector, the Kafka Streams example and
              the ingest tracker (a web page on 127.0.0.1), then prints every lifecycle event and a
              per-instance summary. Ctrl-C stops everything.

              --instance id=URL[,user:pass]  poll a real Okast instance instead of the simulator (repeatable)
                                             also: OKAST_INSTANCES="paris=https://..,user:pass lyon=https://.."
              --config FILE.properties       connector properties for real instances (e.g. bearer tokens,
                                             ${env:VAR} references); merged over the template
              --connector-config FILE.json   connector template (default: config/quickstart-connector.json)
              --plugin-path DIR              Connect plugin.path (default: connector/target/plugin)
              --work-dir DIR                 Kafka data and logs (default: examples/quickstart/target/quickstart-run)
              --sim-instances a,b            simulator instance ids (default: okast.instances of the template)
              --feed-interval 2s             simulator: one new ingest request per instance this often
              --summary-interval 10s         how often the per-instance summary is printed
              --no-streams                   do not run the Kafka Streams example
              --tracker-port 8089            HTTP port of the ingest tracker's page and API (0: any free port)
              --no-tracker                   do not run the ingest tracker
              --no-exactly-once              workers without exactly.once.source.support=enabled
              --help
            """;

    public static QuickstartOptions parse(String[] args, Map<String, String> env, Path cwd) {
        Path repoRoot = findRepoRoot(cwd);
        Path template = null;
        Path pluginPath = null;
        Path workDir = null;
        List<InstanceEndpoint> instances = new ArrayList<>();
        Path properties = null;
        List<String> simIds = List.of();
        Duration feed = Duration.ofSeconds(2);
        Duration summary = Duration.ofSeconds(10);
        boolean streams = true;
        boolean exactlyOnce = true;
        int trackerPort = 8089;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            switch (arg) {
                case "--help", "-h" -> throw new UsageException(USAGE, true);
                case "--instance" -> instances.add(parseInstance(value(arg, rest)));
                case "--config" -> properties = existing(cwd.resolve(value(arg, rest)), arg);
                case "--connector-config" -> template = cwd.resolve(value(arg, rest));
                case "--plugin-path" -> pluginPath = cwd.resolve(value(arg, rest));
                case "--work-dir" -> workDir = cwd.resolve(value(arg, rest));
                case "--sim-instances" ->
                    simIds = Arrays.stream(value(arg, rest).split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
                case "--feed-interval" -> feed = duration(arg, value(arg, rest));
                case "--summary-interval" -> summary = duration(arg, value(arg, rest));
                case "--no-streams" -> streams = false;
                case "--no-exactly-once" -> exactlyOnce = false;
                case "--tracker-port" -> trackerPort = port(arg, value(arg, rest));
                case "--no-tracker" -> trackerPort = -1;
                default -> throw new UsageException("unknown argument: " + arg + "\n\n" + USAGE, false);
            }
        }
        if (instances.isEmpty()
                && env.containsKey(ENV_INSTANCES)
                && !env.get(ENV_INSTANCES).isBlank()) {
            for (String spec : env.get(ENV_INSTANCES).strip().split("[\\s;]+")) {
                instances.add(parseInstance(spec));
            }
        }
        return new QuickstartOptions(
                repoRoot,
                template != null ? template : repoRoot.resolve("config/quickstart-connector.json"),
                pluginPath != null ? pluginPath : repoRoot.resolve("connector/target/plugin"),
                workDir != null ? workDir : repoRoot.resolve("examples/quickstart/target/quickstart-run"),
                instances,
                Optional.ofNullable(properties),
                simIds,
                feed,
                summary,
                streams,
                exactlyOnce,
                trackerPort);
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

    private static InstanceEndpoint parseInstance(String spec) {
        try {
            return InstanceEndpoint.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), false);
        }
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new UsageException(option + " needs a value\n\n" + USAGE, false);
        }
        return rest.remove(0);
    }

    private static Path existing(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(option + ": no such file " + file, false);
        }
        return file;
    }

    private static int port(String option, String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UsageException(option + ": not a port (0-65535): " + text, false);
    }

    /** Accepts 500ms, 2s, 1m or an ISO-8601 duration (PT2S). */
    static Duration duration(String option, String text) {
        try {
            String t = text.strip().toLowerCase();
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.parse(text.strip());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new UsageException(option + ": not a duration: " + text, false);
        }
    }
}
