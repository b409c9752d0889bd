package io.github.okastconnect.tracker;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The search index's terms for a file path. A query matches an entry when it is the beginning of one of
 * them, case-insensitively: the whole path, the path from any {@code /} on (so {@code media/show-42.mp4}),
 * and the file name from its start or from any {@code - _ . space} in it (so {@code show-42.mp4},
 * {@code 42.mp4} or {@code mp4}). A fragment that starts in the middle of a word ({@code how-42}) does not
 * match: that is what keeps a lookup a prefix scan instead of a scan of every path.
 */
final class SearchFragments {

    /** Caps the index entries per path, however deep or punctuated the path is. */
    static final int MAX_TERMS = 24;

    static final int MAX_QUERY_LENGTH = 1024;

    private SearchFragments() {}

    static Set<String> terms(String filePath) {
        Set<String> terms = new LinkedHashSet<>();
        if (filePath == null || filePath.isEmpty()) {
            return terms;
        }
        String path = normalize(filePath);
        terms.add(path);
        int nameStart = path.lastIndexOf('/') + 1;
        // File-name terms first: they are what people type.
        for (int i = nameStart; i < path.length() && terms.size() < MAX_TERMS; i++) {
            if (i == nameStart || isWordSeparator(path.charAt(i - 1))) {
                addIfUseful(terms, path.substring(i));
            }
        }
        for (int i = nameStart - 1; i > 0 && terms.size() < MAX_TERMS; i--) {
            if (path.charAt(i - 1) == '/') {
                addIfUseful(terms, path.substring(i));
            }
        }
        return terms;
    }

    static String normalize(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    private static void addIfUseful(Set<String> terms, String term) {
        if (term.length() >= 2) {
            terms.add(term);
        }
    }

    private static boolean isWordSeparator(char c) {
        return c == '-' || c == '_' || c == '.' || c == ' ';
    }
}
