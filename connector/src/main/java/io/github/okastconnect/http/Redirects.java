package io.github.okastconnect.http;

import java.net.URI;

/**
 * Which redirects an exchange follows: only within the same origin, because the request carries the instance's
 * credentials and must never hand them to another host, and at most {@value #MAX_REDIRECTS} of them.
 */
final class Redirects {
    static final int MAX_REDIRECTS = 3;

    /** What to do with a 3xx answer. */
    sealed interface Decision {}

    record Follow(URI target) implements Decision {}

    record Refuse(FetchResult.Failure failure) implements Decision {}

    private Redirects() {}

    /**
     * @param redirects how many redirects this exchange has followed already
     */
    static Decision decide(URI from, int code, String location, int redirects, long start) {
        if (location == null) {
            return refuse("HTTP " + code + " without a Location header", start);
        }
        URI target;
        try {
            target = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            return refuse("HTTP " + code + " to an invalid Location", start);
        }
        if (!sameOrigin(from, target)) {
            return refuse(
                    "HTTP " + code + " redirect to another origin (" + origin(target)
                            + ") refused: credentials are never sent to another host; set okast.instance.<id>.url"
                            + " to the final location",
                    start);
        }
        if (redirects >= MAX_REDIRECTS) {
            return refuse("more than " + MAX_REDIRECTS + " redirects", start);
        }
        return new Follow(target);
    }

    /** scheme://host[:port], for messages: never the path or query, which may hold a secret. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static Refuse refuse(String message, long start) {
        return new Refuse(new FetchResult.Failure(FailureCause.REDIRECT, message, FailureClassifier.elapsed(start)));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
