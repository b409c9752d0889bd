package io.github.okastconnect.tracker;

import io.github.okastconnect.streams.EntryKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Store keys and public ids of entries.
 *
 * <p>The store key is {@code instance NUL filePath NUL requestTime NUL occurrence}: every entry of an
 * instance shares the prefix {@code instance NUL}, so one instance's entries are a prefix scan. The id
 * shown in the API is that key in URL-safe base64, opaque to clients but decodable to find the instance
 * (and so the owning application instance) without a lookup.
 */
final class EntryIds {

    static final char SEP = '\u0000';

    private EntryIds() {}

    static String storeKey(EntryKey key) {
        return key.instance()
                + SEP
                + nullToEmpty(key.filePath())
                + SEP
                + nullToEmpty(key.requestTime())
                + SEP
                + (key.occurrence() == null ? "" : key.occurrence().toString());
    }

    static String instancePrefix(String instance) {
        return instance + SEP;
    }

    static String toId(String storeKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(storeKey.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the store key, or empty when {@code id} is not one of ours */
    static Optional<String> fromId(String id) {
        if (id == null || id.isEmpty() || id.length() > 8192) {
            return Optional.empty();
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            return key.chars().filter(c -> c == SEP).count() == 3 && key.indexOf(SEP) > 0
                    ? Optional.of(key)
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The entry a {@link #storeKey} names; an empty filePath or requestTime was a missing one. Split at the first
     * and the last two separators: the instance cannot hold one and the occurrence is a number, so a separator
     * inside a path cannot shift the fields.
     */
    static EntryKey entryKey(String storeKey) {
        int afterInstance = storeKey.indexOf(SEP);
        int beforeOccurrence = storeKey.lastIndexOf(SEP);
        int beforeRequestTime = storeKey.lastIndexOf(SEP, beforeOccurrence - 1);
        String occurrence = storeKey.substring(beforeOccurrence + 1);
        return new EntryKey(
                storeKey.substring(0, afterInstance),
                emptyToNull(storeKey.substring(afterInstance + 1, beforeRequestTime)),
                emptyToNull(storeKey.substring(beforeRequestTime + 1, beforeOccurrence)),
                occurrence.isEmpty() ? null : Integer.valueOf(occurrence));
    }

    static String instanceOf(String storeKey) {
        return storeKey.substring(0, storeKey.indexOf(SEP));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
