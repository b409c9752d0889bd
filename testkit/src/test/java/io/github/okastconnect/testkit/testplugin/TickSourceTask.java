package io.github.okastconnect.testkit.testplugin;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Emits "tick-N" every 100 ms and resumes from its stored offset after a restart. */
public class TickSourceTask extends SourceTask {

    private static final Map<String, String> PARTITION = Map.of("source", "ticks");

    private String topic;
    private long next;

    @Override
    public void start(Map<String, String> props) {
        topic = props.get("topic");
        Map<String, Object> offset = context.offsetStorageReader().offset(PARTITION);
        next = offset == null ? 0 : ((Number) offset.get("tick")).longValue() + 1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Thread.sleep(100);
        long tick = next++;
        return List.of(new SourceRecord(PARTITION, Map.of("tick", tick), topic, Schema.STRING_SCHEMA, "tick-" + tick));
    }

    @Override
    public void stop() {
        // poll() holds no resource
    }

    @Override
    public String version() {
        return "test";
    }
}
