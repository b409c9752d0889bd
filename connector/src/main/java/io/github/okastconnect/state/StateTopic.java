package io.github.okastconnect.state;

/**
 * Where an instance's state records go: the state topic, in the partition given by the instance id alone, so a task
 * restores its instances by reading those partitions only.
 */
public record StateTopic(String name, int partitions) {

    /**
     * The partition of an instance: from {@link String#hashCode()}, which the Java language specification fixes, with
     * murmur3's finaliser so that ids differing in one character spread.
     */
    public int partitionOf(String instanceId) {
        int h = instanceId.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return Math.floorMod(h, partitions);
    }
}
