package io.github.okastconnect.task;

import org.apache.kafka.connect.source.SourceRecord;

/** For tests that count events: each change also yields a state record (topic {@code t.state} in these tests). */
final class StateRecordsFilter {
    private StateRecordsFilter() {}

    static boolean isStateRecord(SourceRecord record) {
        return record.topic().endsWith(".state");
    }
}
