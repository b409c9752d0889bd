package io.github.okastconnect.offset;

import java.util.HashMap;
import java.util.Map;

import io.github.okastconnect.detect.EntryKey;
import io.github.okastconnect.detect.EntryState;
import io.github.okastconnect.detect.InstanceState;

/**
 * How an instance's state is stored in Connect's offsets. Each instance is one source partition
 * ({@code {"instance": id}}); its offset is a flat map with one entry per live queue entry, key → last emitted
 * state, plus a format version. Connect keeps only the latest offset per partition, so the stored state is exactly
 * the live queue: released entries are simply absent from the next offset.
 *
 * <p>Example offset: {@code {"v": 1, "17:2022-1018 14:20:0063:https://…/a.mp4#0": "4:DONE17:2022-1018 14:20:02"}}.
 */
public final class OffsetCodec {
    public static final String PARTITION_KEY = "instance";
    public static final String VERSION_KEY = "v";
    public static final int VERSION = 1;

    private OffsetCodec() {
    }

    public static Map<String, Object> partition(String instanceId) {
        return Map.of(PARTITION_KEY, instanceId);
    }

    public static String encodeKey(EntryKey key) {
        StringBuilder out = new StringBuilder(32 + length(key.filePath()) + length(key.requestTime()));
        LengthPrefixed.append(out, key.requestTime());
        LengthPrefixed.append(out, key.filePath());
        return out.append('#').append(key.occurrence()).toString();
    }

    public static String encodeState(EntryState state) {
        StringBuilder out = new StringBuilder(8 + length(state.status()) + length(state.lastStatusUpdate()));
        LengthPrefixed.append(out, state.status());
        LengthPrefixed.append(out, state.lastStatusUpdate());
        return out.toString();
    }

    public static EntryKey decodeKey(String encoded) {
        LengthPrefixed.Reader reader = new LengthPrefixed.Reader(encoded);
        String requestTime = reader.next();
        String filePath = reader.next();
        String rest = reader.rest();
        if (!rest.startsWith("#") || rest.length() < 2) {
            throw new IllegalArgumentException("missing '#<occurrence>' suffix");
        }
        int occurrence;
        try {
            occurrence = Integer.parseInt(rest.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("occurrence is not a number");
        }
        if (occurrence < 0) {
            throw new IllegalArgumentException("occurrence is negative");
        }
        return new EntryKey(filePath, requestTime, occurrence);
    }

    public static EntryState decodeState(String encoded) {
        LengthPrefixed.Reader reader = new LengthPrefixed.Reader(encoded);
        EntryState state = new EntryState(reader.next(), reader.next());
        if (!reader.atEnd()) {
            throw new IllegalArgumentException("unexpected text after the state");
        }
        return state;
    }

    /**
     * The state stored in an offset. A null offset (never stored, or reset through the offsets API) is the empty
     * state, so every entry is then emitted as first sight.
     *
     * @throws IllegalArgumentException naming the first malformed field
     */
    public static InstanceState decode(Map<String, ?> offset) {
        if (offset == null) {
            return InstanceState.empty();
        }
        Object version = offset.get(VERSION_KEY);
        if (!(version instanceof Number n) || n.intValue() != VERSION) {
            throw new IllegalArgumentException("offset field '" + VERSION_KEY + "' must be " + VERSION
                    + " but is " + version);
        }
        Map<EntryKey, EntryState> entries = new HashMap<>(offset.size() * 2);
        for (Map.Entry<String, ?> field : offset.entrySet()) {
            if (field.getKey().equals(VERSION_KEY)) {
                continue;
            }
            if (!(field.getValue() instanceof String value)) {
                throw new IllegalArgumentException("offset field '" + field.getKey() + "' must be a string");
            }
            try {
                entries.put(decodeKey(field.getKey()), decodeState(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("offset field '" + field.getKey() + "' is malformed: "
                        + e.getMessage());
            }
        }
        return InstanceState.of(entries);
    }

    private static int length(String s) {
        return s == null ? 1 : s.length() + 6;
    }
}
