package io.github.okastconnect.simulator;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.ProjectVersion;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Command line of {@link OkastSimulatorMain}; each option also reads {@code OKAST_SIM_<NAME>} from the environment
 * ({@link #ENV_PREFIX}). Fields are filled by picocli; {@link #validate()} checks what it cannot.
 */
@Command(
        name = "okast-simulator",
        mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class,
        sortOptions = false,
        showDefaultValues = true,
        usageHelpWidth = 100,
        description = {
            "Serves simulated Okast Channels instances at",
            "http://BIND:PORT/<instance>/synthesia/okast-channels/playlist/manager/php/_getIngestStatus.php",
            "(and _addVideoLink.php). Runs until killed.",
            ""
        })
final class CliOptions implements Callable<Integer> {

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

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "port to listen on, 0 = any free port")
    int port = 8089;

    @Option(names = "--bind", paramLabel = "ADDR", description = "address to bind")
    String bind = "127.0.0.1";

    @Option(names = "--instances", paramLabel = "A,B,...", description = "instance names (URL path prefixes)")
    String instanceList = "paris";

    @Option(names = "--entries", paramLabel = "N", description = "generated live entries per instance, 0 = none")
    int entries = 0;

    @Option(names = "--change-interval-ms", paramLabel = "N", description = "how often generated entries change")
    long changeIntervalMs = 2000;

    @Option(names = "--changes-per-interval", paramLabel = "N", description = "generated entries changed each interval")
    int changesPerInterval = 1;

    @Option(names = "--error-rate", paramLabel = "X", description = "share of entries ending ERRORED, 0..1")
    double errorRate = 0.1;

    @Option(
            names = "--step-ms",
            paramLabel = "N",
            description = "time in each of PENDING/DOWNLOADING/PROCESSING for requests sent to _addVideoLink.php")
    long stepMs = 2000;

    @Option(names = "--retention-s", paramLabel = "N", description = "seconds DONE/ERRORED added entries stay listed")
    long retentionSeconds = 600;

    @Option(
            names = "--basic-auth",
            paramLabel = "USER:PASS",
            converter = BasicAuthConverter.class,
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
            description = "require HTTP basic auth on every instance (default: none)")
    BasicCredentials basicAuth;

    @Option(names = "--seed", paramLabel = "N", description = "random seed")
    long seed = 42;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            converter = ZoneConverter.class,
            description = "zone of the timestamps, e.g. Europe/Paris")
    ZoneId zone = ZoneId.of("UTC");

    @Option(names = "--pretty", description = "pretty-print like the vendor's example (default: compact)")
    boolean pretty;

    @Option(
            names = "--no-gzip",
            description =
                    "never gzip the status answer, whatever the client's Accept-Encoding (default: gzip when asked)")
    boolean noGzip;

    @Option(
            names = "--oauth2",
            description = "every instance requires a bearer token from the token endpoint POST /oauth2/token"
                    + " (client credentials); needs --oauth2-client, excludes --basic-auth")
    boolean oauth2;

    @Option(
            names = "--oauth2-client",
            paramLabel = "ID:SECRET",
            converter = OAuth2ClientConverter.class,
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
            description = "a client the token endpoint accepts; repeat for more (the secret may contain ':')")
    List<OAuth2Client> oauth2Clients = new ArrayList<>();

    @Option(names = "--token-lifetime-s", paramLabel = "N", description = "expires_in of issued tokens, seconds")
    long tokenLifetimeSeconds = 3600;

    @Option(
            names = "--feed-interval-ms",
            paramLabel = "N",
            description =
                    "feeder: post one new ingest request per instance every N ms to its own add endpoint," + " 0 = off")
    long feedIntervalMs = 0;

    @Option(names = "--threads", paramLabel = "N", description = "HTTP handler threads")
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
        Cli.rejectBlank(spec);
        Cli.inRange(spec, "--port", port, 0, 65535);
        Cli.inRange(spec, "--entries", entries, 0, 10_000_000);
        Cli.inRange(spec, "--change-interval-ms", changeIntervalMs, 1, Long.MAX_VALUE);
        Cli.inRange(spec, "--changes-per-interval", changesPerInterval, 0, 10_000_000);
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw Cli.invalid(spec, "--error-rate", errorRate + " is not between 0 and 1");
        }
        Cli.inRange(spec, "--step-ms", stepMs, 0, Long.MAX_VALUE);
        Cli.inRange(spec, "--retention-s", retentionSeconds, 0, Long.MAX_VALUE);
        Cli.inRange(spec, "--token-lifetime-s", tokenLifetimeSeconds, 1, 366L * 24 * 3600);
        Cli.inRange(spec, "--feed-interval-ms", feedIntervalMs, 0, Long.MAX_VALUE);
        Cli.inRange(spec, "--threads", threads, 1, 1024);
        instances = instanceNames();
        if (oauth2 && oauth2Clients.isEmpty()) {
            throw Cli.invalid(spec, "--oauth2", "needs at least one --oauth2-client ID:SECRET");
        }
        if (oauth2 && basicAuth != null) {
            throw Cli.invalid(spec, "--basic-auth", "--oauth2 and --basic-auth exclude each other");
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
            throw Cli.invalid(spec, "--instances", "needs at least one name");
        }
        for (String name : names) {
            try {
                InstanceSettings.named(name);
            } catch (IllegalArgumentException e) {
                throw Cli.invalid(spec, "--instances", e.getMessage());
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

    static final class BasicAuthConverter implements ITypeConverter<BasicCredentials> {
        @Override
        public BasicCredentials convert(String value) {
            try {
                return BasicCredentials.parse(value);
            } catch (IllegalArgumentException e) {
                // the value may be a mistyped password: never echo it
                throw new TypeConversionException("expected USER:PASS, the user without ':'");
            }
        }
    }

    static final class OAuth2ClientConverter implements ITypeConverter<OAuth2Client> {
        @Override
        public OAuth2Client convert(String value) {
            try {
                return OAuth2Client.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ZoneConverter implements ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            try {
                return ZoneId.of(value.strip());
            } catch (DateTimeException e) {
                throw new TypeConversionException("not a time zone (e.g. UTC, Europe/Paris): " + value);
            }
        }
    }
}
