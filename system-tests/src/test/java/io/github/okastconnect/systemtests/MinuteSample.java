package io.github.okastconnect.systemtests;

import io.github.okastconnect.systemtests.EventAccounting.Result;
import io.github.okastconnect.testkit.process.LocalKafkaStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One minute of the soak: the events so far and each worker process's figures (-1 while a worker is down). */
record MinuteSample(int minute, int expected, int seen, int pending, int duplicated, List<Worker> workers) {

    static final String HEADER = "| minute | expected | seen | not yet seen | duplicated | "
            + "heap after GC (MB) w0 / w1 / w2 | threads | open fds |\n|---|---|---|---|---|---|---|---|";

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    record Worker(long pid, long heapMb, long threads, long fds) {
        static final Worker DOWN = new Worker(-1, -1, -1, -1);

        boolean up() {
            return pid > 0 && heapMb >= 0 && threads > 0 && fds > 0;
        }
    }

    static MinuteSample take(int minute, LocalKafkaStack stack, Result result) {
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < stack.workerCount(); i++) {
            OptionalLong pid = stack.workerPid(i);
            workers.add(pid.isPresent() ? measure(pid.getAsLong()) : Worker.DOWN);
        }
        return new MinuteSample(
                minute,
                result.expected(),
                result.seen(),
                result.lost().size(),
                result.duplicates().size() + result.unexpected().size(),
                List.copyOf(workers));
    }

    /** jcmd GC.run then GC.heap_info for the heap; /proc for threads and descriptors. */
    private static Worker measure(long pid) {
        try {
            jcmd(pid, "GC.run");
            Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
            long heapMb = used.find() ? Long.parseLong(used.group(1)) / 1024 : -1;
            long threads = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("Threads:"))
                    .mapToLong(l -> Long.parseLong(l.substring(8).trim()))
                    .findFirst()
                    .orElse(-1);
            long fds;
            try (Stream<Path> list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                fds = list.count();
            }
            return new Worker(pid, heapMb, threads, fds);
        } catch (IOException | RuntimeException e) {
            return Worker.DOWN; // killed or restarting in the meantime
        }
    }

    private static String jcmd(long pid, String command) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("jcmd " + pid + " " + command + ": " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            p.destroy();
        }
    }

    boolean allUp() {
        return workers.stream().allMatch(Worker::up);
    }

    long totalHeapMb() {
        return workers.stream().mapToLong(Worker::heapMb).sum();
    }

    long totalThreads() {
        return workers.stream().mapToLong(Worker::threads).sum();
    }

    long totalFds() {
        return workers.stream().mapToLong(Worker::fds).sum();
    }

    String line() {
        return "minute " + minute + ": expected=" + expected + ", seen=" + seen + ", not yet seen=" + pending
                + ", duplicated=" + duplicated + " | heapMB " + column(Worker::heapMb) + " threads "
                + column(Worker::threads) + " fds " + column(Worker::fds);
    }

    String row() {
        return "| " + minute + " | " + expected + " | " + seen + " | " + pending + " | " + duplicated + " | "
                + column(Worker::heapMb) + " | " + column(Worker::threads) + " | " + column(Worker::fds) + " |";
    }

    private String column(java.util.function.ToLongFunction<Worker> figure) {
        List<String> values = new ArrayList<>();
        workers.forEach(w -> values.add(w.up() ? Long.toString(figure.applyAsLong(w)) : "down"));
        return String.join(" / ", values);
    }

    /**
     * Growth from the start to the end, on the sums over the workers (tasks move between workers after kills, so one
     * worker's figures change with what it runs): the minutes before the first kill against the last four minutes.
     */
    record Trend(boolean judged, boolean flat, String verdict) {

        private static final double RATIO = 1.25;
        private static final long HEAP_SLACK_MB = 64;
        private static final long THREAD_SLACK = 15;
        private static final long FD_SLACK = 30;

        static Trend of(List<MinuteSample> samples, int baselineBeforeMinute) {
            List<MinuteSample> up = samples.stream().filter(MinuteSample::allUp).toList();
            List<MinuteSample> base = up.stream()
                    .filter(s -> s.minute() >= 1 && s.minute() < baselineBeforeMinute)
                    .toList();
            List<MinuteSample> last = up.subList(Math.max(0, up.size() - 4), up.size());
            if (base.isEmpty() || last.isEmpty() || last.get(0).minute() < baselineBeforeMinute + 5) {
                return new Trend(
                        false,
                        true,
                        "too short to judge growth (baseline " + base.size() + " minute(s), end from minute "
                                + (last.isEmpty() ? "-" : last.get(0).minute()) + ")");
            }
            List<String> grew = new ArrayList<>();
            StringBuilder figures = new StringBuilder();
            check("heap after GC (MB)", base, last, MinuteSample::totalHeapMb, HEAP_SLACK_MB, grew, figures);
            check("threads", base, last, MinuteSample::totalThreads, THREAD_SLACK, grew, figures);
            check("open fds", base, last, MinuteSample::totalFds, FD_SLACK, grew, figures);
            boolean flat = grew.isEmpty();
            return new Trend(
                    true,
                    flat,
                    (flat ? "no growth" : "GROWTH in " + grew) + " (sums over the 3 workers, mean of minutes "
                            + base.get(0).minute() + "-"
                            + base.get(base.size() - 1).minute() + " -> mean of minutes "
                            + last.get(0).minute() + "-"
                            + last.get(last.size() - 1).minute() + "; limit x" + RATIO
                            + " + slack " + HEAP_SLACK_MB + " MB / " + THREAD_SLACK + " threads / " + FD_SLACK
                            + " fds): " + figures);
        }

        private static void check(
                String name,
                List<MinuteSample> base,
                List<MinuteSample> last,
                java.util.function.ToLongFunction<MinuteSample> figure,
                long slack,
                List<String> grew,
                StringBuilder figures) {
            double before = base.stream().mapToLong(figure).average().orElse(0);
            double after = last.stream().mapToLong(figure).average().orElse(0);
            figures.append(String.format("%s %.0f -> %.0f; ", name, before, after));
            if (after > before * RATIO + slack) {
                grew.add(name);
            }
        }
    }
}
