package io.github.okastconnect.simulator;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Command-line options of {@link OkastSimulatorMain}; {@code --name value} or {@code --name=value}. */
record CliOptions(
        boolean help,
        String bind,
        int port,
        List<String> instances,
        int entries,
        long changeIntervalMs,
        int changesPerInterval,
        double errorRate,
        long stepMs,
        long retentionSeconds,
        BasicCredentials basicAuth,
        long seed,
        ZoneId zone,
        boolean pretty,
        long feedIntervalMs,
        int threads,
        boolean gzip,
        boolean oauth2,
        List<OAuth2Client> oauth2Clients,
        long tokenLifetimeSeconds) {

    /** A client of the token endpoint, from {@code --oauth2-client ID:SECRET}; its toString hides the secret. */
    record OAuth2Client(String id, String secret) {

        static OAuth2Client parse(String idColonSecret) {
            int colon = idColonSecret.indexOf(':');
            if (colon <= 0 || colon == idColonSecret.length() - 1) {
                throw new IllegalArgumentException(
                        "--oauth2-client expects ID:SECRET, both non-empty"); // never echo it
            }
            return new OAuth2Client(idColonSecret.substring(0, colon), idColonSecret.substring(colon + 1));
        }

        @Override
        public String toString() {
            return "OAuth2Client[id=" + id + ", secret=***]";
        }
    }

    static final String USAGE = """
            Usage: java -cp okast-simulator.jar:jackson-*.jar io.github.okastconnect.simulator.OkastSimulatorMain [options]

            Serves simulated Okast Channels instances at http://BIND:PORT/<instance>/synthesia/okast-channels/
            playlist/manager/php/_getIngestStatus.php (and _addVideoLink.php). Runs until killed.

              --port N                  port to listen on, 0 = any free port          (default 8089)
              --bind ADDR               address to bind                               (default 127.0.0.1)
              --instances A,B,...       instance names (URL path prefixes)            (default paris)
              --entries N               generated live entries per instance, 0 = none (default 0)
              --change-interval-ms N    how often generated entries change            (default 2000)
              --changes-per-interval N  generated entries changed each interval       (default 1)
              --error-rate X            share of entries ending ERRORED, 0..1         (default 0.1)
              --step-ms N               time in each of PENDING/DOWNLOADING/PROCESSING for
                                        requests sent to _addVideoLink.php            (default 2000)
              --retention-s N           seconds DONE/ERRORED added entries stay listed (default 600)
              --basic-auth USER:PASS    require HTTP basic auth on every instance     (default none)
              --seed N                  random seed                                   (default 42)
              --zone ZONE               zone of the timestamps, e.g. Europe/Paris     (default UTC)
              --pretty                  pretty-print like the vendor's example        (default compact)
              --no-gzip                 never gzip the status answer, whatever the client's
                                        Accept-Encoding                               (default gzip when asked)
              --oauth2                  every instance requires a bearer token from the token
                                        endpoint POST /oauth2/token (client credentials) (default off)
              --oauth2-client ID:SECRET a client the token endpoint accepts; repeat for more
                                        (needed by --oauth2)                          (default none)
              --token-lifetime-s N      expires_in of issued tokens, seconds          (default 3600)
              --feed-interval-ms N      feeder: post one new ingest request per instance
                                        every N ms to its own add endpoint, 0 = off   (default 0)
              --threads N               HTTP handler threads                          (default 16)
              --help                    print this and exit
            """;

    static CliOptions defaults() {
        return new CliOptions(
                false,
                "127.0.0.1",
                8089,
                List.of("paris"),
                0,
                2000,
                1,
                0.1,
                2000,
                600,
                null,
                42,
                ZoneId.of("UTC"),
                false,
                0,
                16,
                true,
                false,
                List.of(),
                3600);
    }

    static CliOptions parse(String... args) {
        Parser parser = new Parser(defaults());
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            if (parser.isFlag(name)) {
                if (inlineValue != null) {
                    throw new IllegalArgumentException(name + " takes no value");
                }
                parser.flag(name);
                continue;
            }
            if (!Parser.OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            String value = inlineValue;
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                value = args[++i];
            }
            parser.option(name, value);
        }
        return parser.options.checked();
    }

    /** Combinations no single option can refuse on its own. */
    private CliOptions checked() {
        if (oauth2 && oauth2Clients.isEmpty()) {
            throw new IllegalArgumentException("--oauth2 needs at least one --oauth2-client ID:SECRET");
        }
        if (oauth2 && basicAuth != null) {
            throw new IllegalArgumentException("--oauth2 and --basic-auth exclude each other");
        }
        return this;
    }

    /** Settings every instance of the CLI shares. */
    InstanceSettings instanceTemplate() {
        InstanceSettings.Builder builder = InstanceSettings.builder("template")
                .zone(zone)
                .lifecycle(Lifecycle.uniform(Duration.ofMillis(stepMs)))
                .errorRate(errorRate)
                .retention(Duration.ofSeconds(retentionSeconds))
                .credentials(basicAuth)
                .jsonStyle(pretty ? JsonStyle.PRETTY : JsonStyle.COMPACT)
                .gzip(gzip)
                .oauth2(oauth2);
        if (entries > 0) {
            builder.load(LoadProfile.of(entries, Duration.ofMillis(changeIntervalMs), changesPerInterval));
        }
        return builder.build();
    }

    private static final class Parser {
        static final Set<String> OPTIONS = Set.of(
                "--bind",
                "--port",
                "--instances",
                "--entries",
                "--change-interval-ms",
                "--changes-per-interval",
                "--error-rate",
                "--step-ms",
                "--retention-s",
                "--basic-auth",
                "--seed",
                "--zone",
                "--feed-interval-ms",
                "--threads",
                "--oauth2-client",
                "--token-lifetime-s");

        private CliOptions options;

        Parser(CliOptions options) {
            this.options = options;
        }

        boolean isFlag(String name) {
            return name.equals("--help")
                    || name.equals("-h")
                    || name.equals("--pretty")
                    || name.equals("--no-gzip")
                    || name.equals("--oauth2");
        }

        void flag(String name) {
            CliOptions o = options;
            boolean help = o.help || name.equals("--help") || name.equals("-h");
            boolean pretty = o.pretty || name.equals("--pretty");
            boolean gzip = o.gzip && !name.equals("--no-gzip");
            boolean oauth2 = o.oauth2 || name.equals("--oauth2");
            options = new CliOptions(
                    help,
                    o.bind,
                    o.port,
                    o.instances,
                    o.entries,
                    o.changeIntervalMs,
                    o.changesPerInterval,
                    o.errorRate,
                    o.stepMs,
                    o.retentionSeconds,
                    o.basicAuth,
                    o.seed,
                    o.zone,
                    pretty,
                    o.feedIntervalMs,
                    o.threads,
                    gzip,
                    oauth2,
                    o.oauth2Clients,
                    o.tokenLifetimeSeconds);
        }

        void option(String name, String value) {
            CliOptions o = options;
            String bind = o.bind;
            int port = o.port;
            List<String> instances = o.instances;
            int entries = o.entries;
            long changeIntervalMs = o.changeIntervalMs;
            int changesPerInterval = o.changesPerInterval;
            double errorRate = o.errorRate;
            long stepMs = o.stepMs;
            long retentionSeconds = o.retentionSeconds;
            BasicCredentials basicAuth = o.basicAuth;
            long seed = o.seed;
            ZoneId zone = o.zone;
            long feedIntervalMs = o.feedIntervalMs;
            int threads = o.threads;
            List<OAuth2Client> oauth2Clients = o.oauth2Clients;
            long tokenLifetimeSeconds = o.tokenLifetimeSeconds;
            switch (name) {
                case "--bind" -> bind = value;
                case "--port" -> port = (int) range(name, value, 0, 65535);
                case "--instances" -> instances = names(value);
                case "--entries" -> entries = (int) range(name, value, 0, 10_000_000);
                case "--change-interval-ms" -> changeIntervalMs = range(name, value, 1, Long.MAX_VALUE);
                case "--changes-per-interval" -> changesPerInterval = (int) range(name, value, 0, 10_000_000);
                case "--error-rate" -> errorRate = rate(name, value);
                case "--step-ms" -> stepMs = range(name, value, 0, Long.MAX_VALUE);
                case "--retention-s" -> retentionSeconds = range(name, value, 0, Long.MAX_VALUE);
                case "--basic-auth" -> basicAuth = BasicCredentials.parse(value);
                case "--seed" -> seed = number(name, value);
                case "--zone" -> zone = ZoneId.of(value);
                case "--feed-interval-ms" -> feedIntervalMs = range(name, value, 0, Long.MAX_VALUE);
                case "--threads" -> threads = (int) range(name, value, 1, 1024);
                case "--oauth2-client" -> oauth2Clients = append(oauth2Clients, OAuth2Client.parse(value));
                case "--token-lifetime-s" -> tokenLifetimeSeconds = range(name, value, 1, 366L * 24 * 3600);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
            options = new CliOptions(
                    o.help,
                    bind,
                    port,
                    instances,
                    entries,
                    changeIntervalMs,
                    changesPerInterval,
                    errorRate,
                    stepMs,
                    retentionSeconds,
                    basicAuth,
                    seed,
                    zone,
                    o.pretty,
                    feedIntervalMs,
                    threads,
                    o.gzip,
                    o.oauth2,
                    oauth2Clients,
                    tokenLifetimeSeconds);
        }

        private static List<OAuth2Client> append(List<OAuth2Client> clients, OAuth2Client client) {
            List<OAuth2Client> all = new ArrayList<>(clients);
            all.add(client);
            return List.copyOf(all);
        }

        private static List<String> names(String value) {
            List<String> names = new ArrayList<>();
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException("--instances needs at least one name");
            }
            return List.copyOf(names);
        }

        private static long number(String name, String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " expects an integer, got " + value);
            }
        }

        private static long range(String name, String value, long min, long max) {
            long number = number(name, value);
            if (number < min || number > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
            }
            return number;
        }

        private static double rate(String name, String value) {
            try {
                double rate = Double.parseDouble(value.trim());
                if (rate < 0 || rate > 1) {
                    throw new IllegalArgumentException(name + " must be between 0 and 1");
                }
                return rate;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " expects a number, got " + value);
            }
        }
    }
}
