package io.github.okastconnect.testkit;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.internals.Exit;

/**
 * One combined KRaft broker/controller from Kafka's own test kit, with replication factors of one for the internal
 * topics Connect and exactly-once need. Shared by the in-process clusters of the tests and the benchmark harness.
 */
public final class SingleBrokerKafka {
    private SingleBrokerKafka() {}

    /** Formats, starts and waits for the broker; the caller closes it. */
    public static KafkaClusterTestKit start() throws Exception {
        // A worker or broker that fails to start calls Exit.exit, which would kill this JVM; make it an exception.
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to exit(" + code + "): " + message);
        });
        KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())); // "Formatting ..." chatter
        try {
            kafka.format();
        } finally {
            System.setOut(stdout);
        }
        kafka.startup();
        kafka.waitForReadyBrokers();
        return kafka;
    }
}
