package io.github.okastconnect.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Faults a test switches on and off while the proxy runs, keyed by {@code host:port} as the client names it. */
final class ProxyFaults {
    private final Map<String, Integer> connectRefusals = new ConcurrentHashMap<>();
    private final Map<String, Integer> forwardFailures = new ConcurrentHashMap<>();

    void refuseConnect(String target, int status) {
        connectRefusals.put(key(target), status);
    }

    void failForward(String target, int status) {
        forwardFailures.put(key(target), status);
    }

    Optional<Integer> connectRefusal(String target) {
        return Optional.ofNullable(connectRefusals.get(key(target)));
    }

    Optional<Integer> forwardFailure(String target) {
        return Optional.ofNullable(forwardFailures.get(key(target)));
    }

    void clear() {
        connectRefusals.clear();
        forwardFailures.clear();
    }

    private static String key(String target) {
        return target.toLowerCase(Locale.ROOT);
    }
}
