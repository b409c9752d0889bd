package io.github.okastconnect.bench.harness;

import io.github.okastconnect.simulator.SimulatedInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Serves each instance one of two fixed bodies and, in {@link Mode#ALTERNATE}, swaps them after every request, so
 * that every poll sees exactly the difference between the two (e.g. 1 % of the entries changed) whatever the poll
 * schedule; in {@link Mode#SAME} the body never changes (a quiet queue from a server without conditional requests).
 * A watcher thread notices each request from the instance's request counter (every 10 ms) and swaps the body only
 * 50 ms later, so the swap can never reach the request that caused it. The instants it notices are the poll starts
 * (to 10 ms): {@link #window} measures the gaps between one instance's polls.
 */
final class BodyFlipper implements AutoCloseable {
    enum Mode {
        ALTERNATE,
        SAME
    }

    private static final long SWAP_DELAY_MS = 50;

    private final List<SimulatedInstance> instances = new ArrayList<>();
    private final byte[] first;
    private final byte[] second;
    private final Thread watcher;
    private volatile boolean running = true;
    private volatile Mode mode = Mode.ALTERNATE;
    private long[] lastCount = new long[0];
    private long[] seenAtMs = new long[0];
    private boolean[] swapPending = new boolean[0];
    private boolean[] onSecond = new boolean[0];
    private long[] windowLastPollMs = new long[0];
    private long[] gaps = new long[1 << 14];
    private int gapCount;
    private long windowPolls;
    private boolean inWindow;
    private long windowStartNanos;

    BodyFlipper(byte[] first, byte[] second) {
        this.first = first;
        this.second = second;
        this.watcher = new Thread(this::watch, "bench-body-flipper");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Starts serving {@code first} to these instances too. */
    synchronized void add(List<SimulatedInstance> added) {
        int from = instances.size();
        instances.addAll(added);
        int n = instances.size();
        lastCount = Arrays.copyOf(lastCount, n);
        seenAtMs = Arrays.copyOf(seenAtMs, n);
        swapPending = Arrays.copyOf(swapPending, n);
        onSecond = Arrays.copyOf(onSecond, n);
        windowLastPollMs = Arrays.copyOf(windowLastPollMs, n);
        for (int i = from; i < n; i++) {
            SimulatedInstance instance = instances.get(i);
            instance.setRawBody(first);
            lastCount[i] = instance.requestCount();
        }
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    private void watch() {
        while (running) {
            long now = System.currentTimeMillis();
            synchronized (this) {
                for (int i = 0; i < instances.size(); i++) {
                    SimulatedInstance instance = instances.get(i);
                    long count = instance.requestCount();
                    if (count != lastCount[i]) {
                        lastCount[i] = count;
                        seenAtMs[i] = now;
                        swapPending[i] = true;
                        if (inWindow) {
                            windowPolls++;
                            if (windowLastPollMs[i] != 0) {
                                if (gapCount == gaps.length) {
                                    gaps = Arrays.copyOf(gaps, gaps.length * 2);
                                }
                                gaps[gapCount++] = now - windowLastPollMs[i];
                            }
                            windowLastPollMs[i] = now;
                        }
                    }
                    if (swapPending[i] && now - seenAtMs[i] >= SWAP_DELAY_MS) {
                        swapPending[i] = false;
                        if (mode == Mode.ALTERNATE) {
                            onSecond[i] = !onSecond[i];
                            instance.setRawBody(onSecond[i] ? second : first);
                        } else if (onSecond[i]) {
                            onSecond[i] = false;
                            instance.setRawBody(first);
                        }
                    }
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Starts recording poll starts; {@link #endWindow()} returns what was seen. */
    synchronized void startWindow() {
        Arrays.fill(windowLastPollMs, 0);
        gapCount = 0;
        windowPolls = 0;
        inWindow = true;
        windowStartNanos = System.nanoTime();
    }

    /** Polls and the gaps between one instance's consecutive polls (ms, sorted) since {@link #startWindow()}. */
    record Window(double seconds, long polls, long[] gapsMs) {
        long gapPercentile(double p) {
            return LoadHarness.percentile(gapsMs, p);
        }
    }

    synchronized Window endWindow() {
        inWindow = false;
        long[] sorted = Arrays.copyOf(gaps, gapCount);
        Arrays.sort(sorted);
        return new Window((System.nanoTime() - windowStartNanos) / 1e9, windowPolls, sorted);
    }

    long requests() {
        return instances.stream().mapToLong(SimulatedInstance::requestCount).sum();
    }

    /** The lowest request count over the instances: every instance has been polled at least this often. */
    synchronized long minRequests() {
        return instances.stream()
                .mapToLong(SimulatedInstance::requestCount)
                .min()
                .orElse(0);
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
    }
}
