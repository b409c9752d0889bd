package io.github.okastconnect.state;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The state topic as a task sees it at start: made ready once, then read for the task's instances. */
public interface StateStore {

    /** The outcome of making the state topic ready. */
    sealed interface Check {
        /** The topic exists (or was just created), is compacted, and has this many partitions. */
        record Ready(int partitions) implements Check {}

        /** It cannot be used; the message says what to change. */
        record Problem(String message) implements Check {}
    }

    /** Creates the topic when missing (compacted) and checks an existing one; never throws for a broker's answer. */
    Check prepare(String topic, int partitionsIfCreated);

    /**
     * Every state record of the given instances, in log order, read up to the end offsets the partitions had when
     * reading started (only committed records of transactions).
     *
     * @throws org.apache.kafka.common.KafkaException when the end is not reached in time, or on any client failure
     */
    Map<String, List<StateEntry>> read(StateTopic topic, Set<String> instances);
}
