package io.github.okastconnect.simulator;

import io.github.okastconnect.cli.CommandBase;
import io.github.okastconnect.cli.ParsingConverter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line of {@link OkastSimulatorMain}; each option also reads {@code OKAST_SIM_<NAME>} from the environment
 * ({@link #ENV_PREFIX}). Fields are filled by picocli; {@link #validate()} checks what it cannot.
 */
@Command(
        resourceBundle = "io.github.okastconnect.simulator.CliOptions",
        name = "okast-simulator",
        description = {
            "Serves simulated Okast Channels instances at",
            "http://BIND:PORT/<instance>/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php",
            "(and _addVideoLink.php). Runs until killed.",
            ""
        })
final class CliOptions extends CommandBase implements Callable<Integer> {

    static final String ENV_PREFIX = "OKAST_SIM_";

    /** A client of the token endpoint, from {@code --oauth2-client ID:SECRET}; its toString hides the secret. */
    record OAuth2Client(String id, String secret) {

        static OAuth2Client parse(String idColonSecret) {
            int colon = idColonSecret.indexOf(':');
            if (colon <= 0 || colon == idColonSecret.length() - 1) {
                throw new IllegalArgumentException("expected ID:SECRET, both non-empty"); // never echo it
            }
            return new OAuth2Client(idColonSecret.substring(0, colon), idColonSecret.substring(colon + 1));
        }

        @Override
        public String toString() {
            return "OAuth2Client[id=" + id + ", secret=***]";
        }
    }

    @Option(names = "--port", paramLabel = "N")
    int port = 8089;

    @Option(names = "--bind", paramLabel = "ADDR")
    String bind = "127.0.0.1";

    @Option(names = "--instances", paramLabel = "A,B,...")
    String instanceList = "paris";

    @Option(names = "--entries", paramLabel = "N")
    int entries = 0;

    @Option(names = "--change-interval-ms", paramLabel = "N")
    long changeIntervalMs = 2000;

    @Option(names = "--changes-per-interval", paramLabel = "N")
    int changesPerInterval = 1;

    @Option(names = "--error-rate", paramLabel = "X")
    double errorRate = 0.1;

    @Option(names = "--step-ms", paramLabel = "N")
    long stepMs = 2000;

    @Option(names = "--retention-s", paramLabel = "N")
    long retentionSeconds = 600;

    @Option(
            names = "--basic-auth",
            paramLabel = "USER:PASS",
            converter = BasicAuthConverter.class,
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    BasicCredentials basicAuth;

    @Option(names = "--seed", paramLabel = "N")
    long seed = 42;

    @Option(names = "--zone", paramLabel = "ZONE", converter = ZoneConverter.class)
    ZoneId zone = ZoneId.of("UTC");

    @Option(names = "--pretty")
    boolean pretty;

    @Option(names = "--no-gzip")
    boolean noGzip;

    @Option(names = "--oauth2")
    boolean oauth2;

    @Option(
            names = "--oauth2-client",
            paramLabel = "ID:SECRET",
            converter = OAuth2ClientConverter.class,
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
    List<OAuth2Client> oauth2Clients = new ArrayList<>();

    @Option(names = "--token-lifetime-s", paramLabel = "N")
    long tokenLifetimeSeconds = 3600;

    @Option(names = "--feed-interval-ms", paramLabel = "N")
    long feedIntervalMs = 0;

    @Option(names = "--threads", paramLabel = "N")
    int threads = 16;

    /** Set by {@link #validate()}: the names of {@code --instances}. */
    List<String> instances = List.of();

    /** What runs once the options are valid; tests replace it to run the command line without serving. */
    interface Server {
        void serve(CliOptions options) throws InterruptedException;
    }

    private final Server server;

    CliOptions() {
        this(OkastSimulatorMain::serve);
    }

    CliOptions(Server server) {
        this.server = server;
    }

    @Override
    public Integer call() throws InterruptedException {
        server.serve(validate());
        return 0;
    }

    /** Checks ranges and combinations; names the option at fault. */
    CliOptions validate() {
        rejectBlank();
        inRange("--port", port, 0, 65535);
        inRange("--entries", entries, 0, 10_000_000);
        inRange("--change-interval-ms", changeIntervalMs, 1, Long.MAX_VALUE);
        inRange("--changes-per-interval", changesPerInterval, 0, 10_000_000);
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw invalid("--error-rate", errorRate + " is not between 0 and 1");
        }
        inRange("--step-ms", stepMs, 0, Long.MAX_VALUE);
        inRange("--retention-s", retentionSeconds, 0, Long.MAX_VALUE);
        inRange("--token-lifetime-s", tokenLifetimeSeconds, 1, 366L * 24 * 3600);
        inRange("--feed-interval-ms", feedIntervalMs, 0, Long.MAX_VALUE);
        inRange("--threads", threads, 1, 1024);
        instances = instanceNames();
        if (oauth2 && oauth2Clients.isEmpty()) {
            throw invalid("--oauth2", "needs at least one --oauth2-client ID:SECRET");
        }
        if (oauth2 && basicAuth != null) {
            throw invalid("--basic-auth", "--oauth2 and --basic-auth exclude each other");
        }
        return this;
    }

    private List<String> instanceNames() {
        List<String> names = new ArrayList<>();
        for (String name : instanceList.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        if (names.isEmpty()) {
            throw invalid("--instances", "needs at least one name");
        }
        for (String name : names) {
            try {
                InstanceSettings.named(name);
            } catch (IllegalArgumentException e) {
                throw invalid("--instances", e.getMessage());
            }
        }
        return List.copyOf(names);
    }

    /** Settings every instance of the command line shares. */
    InstanceSettings instanceTemplate() {
        InstanceSettings.Builder builder = InstanceSettings.builder("template")
                .zone(zone)
                .lifecycle(Lifecycle.uniform(Duration.ofMillis(stepMs)))
                .errorRate(errorRate)
                .retention(Duration.ofSeconds(retentionSeconds))
                .credentials(basicAuth)
                .jsonStyle(pretty ? JsonStyle.PRETTY : JsonStyle.COMPACT)
                .gzip(!noGzip)
                .oauth2(oauth2);
        if (entries > 0) {
            builder.load(LoadProfile.of(entries, Duration.ofMillis(changeIntervalMs), changesPerInterval));
        }
        return builder.build();
    }

    static final class BasicAuthConverter extends ParsingConverter<BasicCredentials> {
        BasicAuthConverter() {
            super(BasicCredentials::parse, "expected USER:PASS, the user without ':'"); // never echo a password
        }
    }

    static final class OAuth2ClientConverter extends ParsingConverter<OAuth2Client> {
        OAuth2ClientConverter() {
            super(OAuth2Client::parse);
        }
    }

    static final class ZoneConverter extends ParsingConverter<ZoneId> {
        ZoneConverter() {
            super(text -> ZoneId.of(text.strip()), "not a time zone (e.g. UTC, Europe/Paris)");
        }
    }
}
