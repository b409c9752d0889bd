package io.github.okastconnect.simulator;

import java.util.List;

/**
 * Entity tags of the status answer. The gzip answer is another representation with other bytes, so it gets
 * its own tag (the identity tag with {@code -gzip} inside the quotes); If-None-Match uses the weak comparison
 * (RFC 9110 section 13.1.2), so a client holding either tag of an unchanged body gets a 304, whichever coding
 * it asks for now.
 */
final class EntityTags {

    static final String GZIP_SUFFIX = "-gzip";

    private EntityTags() {}

    /** {@code "crc-len"} becomes {@code "crc-len-gzip"}. */
    static String gzipVariant(String identityTag) {
        return identityTag.substring(0, identityTag.length() - 1) + GZIP_SUFFIX + "\"";
    }

    /** True when some If-None-Match header is {@code *} or names this body's identity or gzip tag (W/ or not). */
    static boolean noneMatchHits(List<String> ifNoneMatchHeaders, String identityTag) {
        if (ifNoneMatchHeaders == null) {
            return false;
        }
        String gzipTag = gzipVariant(identityTag);
        for (String header : ifNoneMatchHeaders) {
            if (header.trim().equals("*")) {
                return true;
            }
            int i = 0;
            while (i < header.length()) {
                int open = header.indexOf('"', i);
                if (open < 0) {
                    break;
                }
                int close = header.indexOf('"', open + 1);
                if (close < 0) {
                    break;
                }
                String tag = header.substring(open, close + 1); // "W/" before it, if any, is what makes it weak
                if (tag.equals(identityTag) || tag.equals(gzipTag)) {
                    return true;
                }
                i = close + 1;
            }
        }
        return false;
    }
}
