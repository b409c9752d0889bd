package io.github.okastconnect.quickstart;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code quickstart.sh} runs this. See {@link QuickstartOptions#USAGE}.
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
        QuickstartOptions options;
        ConnectorTemplate template;
        try {
            options = QuickstartOptions.parse(args, System.getenv(), Path.of(""));
            template = ConnectorTemplate.load(options.connectorTemplate());
        } catch (QuickstartOptions.UsageException e) {
            System.out.print(e.getMessage());
            System.exit(e.isHelp() ? 0 : 2);
            return;
        } catch (RuntimeException e) {
            System.err.println("quickstart: " + e.getMessage());
            System.exit(2);
            return;
        }
        EndpointSource endpoints =
                options.useSimulator() ? simulator(options, template) : new RealInstances(options.instances());
        StreamsExample streams = options.streams() ? new StreamProcessorExample() : StreamsExample.none();
        Quickstart quickstart = new Quickstart(options, template, endpoints, streams, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(quickstart::close, "quickstart-shutdown"));
        try {
            quickstart.run();
        } catch (Exception e) {
            if (quickstart.isClosing()) {
                return; // Ctrl-C during start-up: close() reports what it stopped
            }
            System.err.println();
            System.err.println("quickstart failed: " + e.getMessage());
            System.err.println("logs: " + options.workDir().resolve("logs"));
            quickstart.close();
            System.exit(1);
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
