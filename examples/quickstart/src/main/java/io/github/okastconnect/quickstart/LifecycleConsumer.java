package io.github.okastconnect.quickstart;

import io.github.okastconnect.testkit.LifecycleEvent;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the lifecycle topic from the beginning on its own thread, with a plain KafkaConsumer. */
final class LifecycleConsumer implements AutoCloseable {

    private final Properties props = new Properties();
    private final String topic;
    private final Consumer<LifecycleEvent> onEvent;
    private final Consumer<String> onUnreadable;
    private final Thread thread;
    private volatile boolean running = true;

    LifecycleConsumer(
            String bootstrapServers,
            String topic,
            boolean readCommitted,
            Consumer<LifecycleEvent> onEvent,
            Consumer<String> onUnreadable) {
        this.topic = topic;
        this.onEvent = onEvent;
        this.onUnreadable = onUnreadable;
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "okast-quickstart-console");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (readCommitted) {
            // exactly-once source tasks write in transactions; aborted ones must not show up as events
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        this.thread = new Thread(this::loop, "lifecycle-console-consumer");
        // close() stops it; daemon only so that a failure elsewhere can never keep the JVM alive
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                    // the console must survive whatever it reads: a record of another shape is shown raw
                    LifecycleEvent event = LifecycleEvent.from(r, -1);
                    if (event.isReadable()) {
                        onEvent.accept(event);
                    } else {
                        onUnreadable.accept("key=" + r.key() + " value=" + r.value());
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
