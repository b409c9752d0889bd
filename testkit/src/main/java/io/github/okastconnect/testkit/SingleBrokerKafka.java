package io.github.okastconnect.testkit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.internals.Exit;

/**
 * One combined KRaft broker/controller on 127.0.0.1 from Kafka's own test kit, with replication factors of one for
 * the internal topics Connect, Streams and exactly-once need. The in-process clusters of the tests, the Streams
 * examples' tests and the benchmark harness all start their broker here.
 */
public final class SingleBrokerKafka {
    private SingleBrokerKafka() {}

    /** Formats, starts and waits for the broker; the caller closes it. */
    public static KafkaClusterTestKit start() throws Exception {
        exitThrows();
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
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // "Formatting ..." chatter
        try {
            kafka.format();
        } finally {
            System.setOut(stdout);
        }
        kafka.startup();
        kafka.waitForReadyBrokers();
        return kafka;
    }

    /**
     * A broker or worker that fails to start calls Exit.exit, which would kill this JVM; make it an exception. The
     * closer calls {@code Exit.resetExitProcedure()}.
     */
    static void exitThrows() {
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to exit(" + code + "): " + message);
        });
    }

    /** A producer of JSON text, as the connector's JsonConverter writes it; sends at once (linger 0). */
    public static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
