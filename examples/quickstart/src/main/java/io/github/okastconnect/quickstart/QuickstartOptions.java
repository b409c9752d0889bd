package io.github.okastconnect.quickstart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the quickstart runs, as {@link QuickstartCommand} read it from the command line. Without instances or a
 * connector properties file it runs against the simulator.
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

    public QuickstartOptions {
        instances = List.copyOf(instances);
        simulatorInstances = List.copyOf(simulatorInstances);
    }

    public boolean useSimulator() {
        return instances.isEmpty() && connectorProperties.isEmpty();
    }
}
