package io.github.okastconnect.detect;

import io.github.okastconnect.parser.IngestEntry;
import io.github.okastconnect.parser.IngestStatusParser;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a body with the last one element by element, reading only the elements that differ. A queue mostly
 * repeats itself from poll to poll, in the same order: each element is first assumed to be the next one of the last
 * body ({@link ElementIndex}) and checked by hashing just its bytes, so an unchanged entry costs one hash instead of
 * being tokenised. An element that is not where it was is read alone and looked up by its hash: the same bytes
 * elsewhere (entries before it left or arrived) put the walk back in step, other bytes are a new or changed entry
 * and are compared with its stored state as a scan would.
 *
 * <p>Gives up (null) whenever the body is not a plain JSON array of entries the scan would all keep, or when two
 * elements share filePath and requestTime, or when too much of it moved: the caller then scans the body, which has
 * the rules for all of that. So for every body it accepts, it finds exactly the changes a scan finds, in the same
 * order. Between elements it checks the JSON grammar itself (whitespace, commas, the brackets); the elements it does
 * not read are byte-identical to elements that parsed before.
 */
final class ElementDiff {
    private final InstanceState state;
    private final ElementIndex last;
    private final byte[] body;
    /** The body is {@code body[0, end)}: the buffer it was received into may be longer. */
    private final int end;

    private final IngestStatusParser parser;
    private final BitSet seen;
    private final BitSet drop;
    private final PackedEntries add = new PackedEntries(16, 1024);
    private final List<Change> updates = new ArrayList<>();
    private final ElementIndex.Builder elements;
    private final GrowableBytes scratch = new GrowableBytes(256);
    private final Set<EntryKey> newKeys = new HashSet<>();
    /** Elements read in full before the walk gives up: past it, a scan costs less. */
    private final int readLimit;

    private int reads;

    ElementDiff(InstanceState state, ElementIndex last, byte[] body, int end, IngestStatusParser parser) {
        this.state = state;
        this.last = last;
        this.body = body;
        this.end = end;
        this.parser = parser;
        this.seen = new BitSet(state.capacity());
        this.drop = new BitSet(state.capacity());
        this.elements = new ElementIndex.Builder(last.size() + 16);
        this.readLimit = Math.max(64, last.size() / 8);
    }

    ChangeDetector.Detection detect() {
        if (state.tracksTwins()) {
            return null;
        }
        int p = skipWhitespace(0);
        if (p >= end || body[p] != '[') {
            return null;
        }
        p = skipWhitespace(p + 1);
        if (p < end && body[p] == ']') {
            p++;
        } else {
            int next = 0; // the element of the last body expected here
            while (true) {
                int same = sameAs(next, p);
                if (same >= 0) {
                    if (!keep(same)) {
                        return null;
                    }
                    p += last.length(same);
                    next = same + 1;
                } else {
                    if (++reads > readLimit) {
                        return null;
                    }
                    IngestStatusParser.Element element = parser.readElement(body, p, end);
                    if (element == null) {
                        return null;
                    }
                    int length = element.end() - p;
                    long hash = ElementIndex.hash(body, p, length);
                    int moved = last.find(hash, length);
                    if (moved >= 0) {
                        if (!keep(moved)) {
                            return null;
                        }
                        next = moved + 1;
                    } else if (!compare(element.entry(), hash, length)) {
                        return null;
                    }
                    p = element.end();
                }
                p = skipWhitespace(p);
                if (p >= end) {
                    return null;
                }
                if (body[p] == ']') {
                    p++;
                    break;
                }
                if (body[p] != ',') {
                    return null;
                }
                p = skipWhitespace(p + 1);
            }
        }
        if (skipWhitespace(p) != end) {
            return null;
        }
        return ChangeDetector.detection(state, seen, drop, add, updates, elements);
    }

    /**
     * The element of the last body that lies at {@code p}: the one expected there, or the one after it (the expected
     * one changed in place, the usual case of a change); -1 if neither.
     */
    private int sameAs(int next, int p) {
        if (last.sameAt(next, body, p, end)) {
            return next;
        }
        return last.sameAt(next + 1, body, p, end) ? next + 1 : -1;
    }

    /** An element identical to element {@code i} of the last body: its entry is there, unchanged. */
    private boolean keep(int i) {
        int slot = last.slot(i);
        if (seen.get(slot)) {
            return false; // the same element twice: entries sharing filePath and requestTime, which a scan ranks
        }
        seen.set(slot);
        elements.add(last.hash(i), last.length(i), slot);
        return true;
    }

    /** An element not in the last body: compared with its entry's stored state, as a scan compares it. */
    private boolean compare(IngestEntry entry, long hash, int length) {
        scratch.truncate(0);
        int keyLength = EntryCodec.writeRecord(
                scratch, entry.filePath(), entry.requestTime(), entry.status(), entry.lastStatusUpdate());
        int stateLength = scratch.size() - keyLength;
        byte[] bytes = scratch.array();
        int keyHash = EntryCodec.hash(bytes, 0, keyLength);
        int slot = state.find(bytes, 0, keyLength, keyHash);
        EntryKey key = new EntryKey(entry.filePath(), entry.requestTime(), 0);
        ChangeType type;
        EntryState previous = null;
        if (slot >= 0) {
            if (seen.get(slot)) {
                return false; // a twin of an entry already seen in this body
            }
            seen.set(slot);
            type = state.compare(slot, keyLength, bytes, keyLength, stateLength);
            if (type == null) {
                elements.add(hash, length, slot); // other fields changed, not the entry's state
                return true;
            }
            drop.set(slot);
            previous = state.stateAt(slot, keyLength);
        } else {
            if (!newKeys.add(key)) {
                return false;
            }
            type = ChangeType.NEW;
        }
        elements.add(hash, length, ElementIndex.Builder.added(add.count()));
        add.add(bytes, 0, keyLength + stateLength, keyHash);
        updates.add(new Change(type, key, entry, previous, new EntryState(entry.status(), entry.lastStatusUpdate())));
        return true;
    }

    private int skipWhitespace(int from) {
        int p = from;
        while (p < end) {
            byte b = body[p];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            p++;
        }
        return p;
    }
}
