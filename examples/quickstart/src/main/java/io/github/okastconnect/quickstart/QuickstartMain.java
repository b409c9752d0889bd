package io.github.okastconnect.quickstart;

import io.github.okastconnect.cli.Cli;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code quickstart.sh} runs this; {@code --help} lists the options ({@link QuickstartCommand}).
 *
 * <p>Ctrl-C: the JVM runs the shutdown hook registered here, which stops the console consumer, the Streams
 * example, the Connect worker, the broker (waiting for both processes to exit and their ports to be free) and
 * the simulator, in that order.
 */
public final class QuickstartMain {

    private static final List<String> DEFAULT_SIMULATED = List.of("paris", "lyon");

    private QuickstartMain() {}

    public static void main(String[] args) {
        // before the first logger exists: Kafka clients log at INFO otherwise, burying the events
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "okast-quickstart-log4j2.xml");
        }
        Cli.main(new QuickstartCommand(Path.of("")), QuickstartCommand.env(System.getenv()), args);
    }

    /** Runs until Ctrl-C; @return the exit code (1 when the stack could not start) */
    static int run(QuickstartOptions options, ConnectorTemplate template) {
        EndpointSource endpoints =
                options.useSimulator() ? simulator(options, template) : new RealInstances(options.instances());
        StreamsExample streams = options.streams() ? new StreamProcessorExample() : StreamsExample.none();
        Quickstart quickstart = new Quickstart(options, template, endpoints, streams, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(quickstart::close, "quickstart-shutdown"));
        try {
            quickstart.run();
            return 0;
        } catch (Exception e) {
            if (quickstart.isClosing()) {
                return 0; // Ctrl-C during start-up: close() reports what it stopped
            }
            System.err.println();
            System.err.println("quickstart failed: " + e.getMessage());
            System.err.println("logs: " + options.workDir().resolve("logs"));
            quickstart.close();
            return 1;
        }
    }

    private static EndpointSource simulator(QuickstartOptions options, ConnectorTemplate template) {
        List<String> ids = !options.simulatorInstances().isEmpty()
                ? options.simulatorInstances()
                : !template.instanceIds().isEmpty() ? template.instanceIds() : DEFAULT_SIMULATED;
        return new SimulatorEndpoints(ids, template::literalBasicAuth, zoneOf(template), options.feedInterval());
    }

    /** The simulator must write its zone-less timestamps in the zone the connector reads them in. */
    private static ZoneId zoneOf(ConnectorTemplate template) {
        String zone = template.config().get("timestamp.zone");
        try {
            return zone == null || zone.isBlank() || zone.contains("${") ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
