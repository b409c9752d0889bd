package io.github.okastconnect.task;

import io.github.okastconnect.config.RemovalMode;
import io.github.okastconnect.detect.ChangeDetector;
import io.github.okastconnect.mapper.RecordMapper;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.TimestampParser;
import java.time.ZoneOffset;

/** Pipelines for trackers tested without a task: events to topic "t", times in UTC. */
final class TestPipelines {
    private TestPipelines() {}

    /** Every change type emitted, a removal as a REMOVED event. */
    static InstanceTracker.Pipeline standard() {
        return with(new RecordMapper("t", new TimestampParser(ZoneOffset.UTC), RemovalMode.EVENT));
    }

    static InstanceTracker.Pipeline with(RecordMapper mapper) {
        return new InstanceTracker.Pipeline(new IngestStatusParser(), new ChangeDetector(), mapper);
    }
}
