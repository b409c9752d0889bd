package io.github.okastconnect.state;

/**
 * One record of the state topic as read back: an entry's last emitted state (or its removal), and what is needed to
 * judge whether that state is certainly what downstream saw.
 *
 * @param encodedKey   the entry's key in the offsets' text encoding
 * @param encodedState its state, or null for a tombstone (the entry left the state)
 * @param epoch        the instance's state generation the record belongs to
 * @param seq          the poll that wrote it
 * @param acked        every poll up to this one had all of its records acknowledged when this one was written
 * @param encodedBase  the entry's state as of poll {@code acked} (null: absent then): where to restart from if this
 *                     record turns out not to be certainly written together with its event
 */
public record StateEntry(
        String instance,
        String encodedKey,
        String encodedState,
        long epoch,
        long seq,
        long acked,
        String encodedBase) {}
