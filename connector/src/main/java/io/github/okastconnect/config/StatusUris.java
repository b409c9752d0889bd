package io.github.okastconnect.config;

import java.net.URI;

/** Builds the status URL from a user's base URL, so users may paste either the instance root or the full URL. */
public final class StatusUris {
    private StatusUris() {}

    public static URI resolve(String baseUrl, String statusPath) {
        String base = baseUrl.trim();
        String path = statusPath.startsWith("/") ? statusPath : "/" + statusPath;
        if (base.endsWith(path)) {
            return URI.create(base);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }
}
