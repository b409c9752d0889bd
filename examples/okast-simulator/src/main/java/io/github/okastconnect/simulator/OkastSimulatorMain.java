package io.github.okastconnect.simulator;

import io.github.okastconnect.cli.Cli;
import io.github.okastconnect.cli.EnvDefaults;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** Command-line entry point; {@code --help} lists the options ({@link CliOptions}). */
public final class OkastSimulatorMain {

    private OkastSimulatorMain() {}

    public static void main(String[] args) {
        Cli.main(new CliOptions(), EnvDefaults.of(CliOptions.ENV_PREFIX, System.getenv()), args);
    }

    /** Starts, then serves until the JVM shuts down (its hook closes the simulator). */
    static void serve(CliOptions options) throws InterruptedException {
        OkastSimulator simulator = start(options, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            simulator.close();
                            stopped.countDown();
                        },
                        "okast-sim-shutdown"));
        stopped.await();
    }

    /** Starts everything the (validated) options ask for and prints where it listens; the caller closes it. */
    static OkastSimulator start(CliOptions options, PrintStream out) {
        OkastSimulator simulator = OkastSimulator.builder()
                .bindAddress(options.bind)
                .port(options.port)
                .seed(options.seed)
                .threads(options.threads)
                .tokenLifetime(Duration.ofSeconds(options.tokenLifetimeSeconds))
                .build();
        for (CliOptions.OAuth2Client client : options.oauth2Clients) {
            simulator.oauth2().registerClient(client.id(), client.secret());
        }
        try {
            simulator.start();
            InstanceSettings template = options.instanceTemplate();
            for (String name : options.instances) {
                simulator.addInstance(template.withName(name));
            }
            if (options.feedIntervalMs > 0) {
                FeederSettings feeder = FeederSettings.every(Duration.ofMillis(options.feedIntervalMs));
                simulator.startFeeder(new FeederSettings(
                        feeder.interval(), feeder.duplicateRate(), feeder.missingFilePathRate(), options.seed));
            }
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        out.println("okast-simulator listening on " + simulator.serverUri() + " (Ctrl-C to stop)");
        for (String name : options.instances) {
            SimulatedInstance instance = simulator.instance(name);
            out.println(instance.name() + " status: " + instance.statusUrl());
            out.println(instance.name() + " add:    " + instance.addUrl());
        }
        if (!options.oauth2Clients.isEmpty()) {
            out.println("oauth2 token: " + simulator.tokenUrl() + " (clients: "
                    + String.join(", ", simulator.oauth2().clientIds()) + "; tokens last "
                    + options.tokenLifetimeSeconds + " s"
                    + (options.oauth2 ? "; required by every instance)" : ")"));
        }
        if (options.feedIntervalMs > 0) {
            out.println("feeding one ingest request per instance every " + options.feedIntervalMs + " ms");
        }
        out.flush();
        return simulator;
    }
}
