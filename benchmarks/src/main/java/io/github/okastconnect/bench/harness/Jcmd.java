package io.github.okastconnect.bench.harness;

import io.github.okastconnect.bench.HeapPerEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDK's {@code jcmd} against another JVM (the Connect worker process): thread names and live-heap histograms. */
final class Jcmd {
    private static final Pattern THREAD = Pattern.compile("^\"(.*)\" .*\\bnid=(0x[0-9a-fA-F]+|\\d+)");

    private Jcmd() {}

    /** Native thread id → Java thread name ({@code Thread.print}); empty when jcmd is not there. */
    static Map<Integer, String> threadNames(long pid) {
        Map<Integer, String> out = new HashMap<>();
        for (String line : run(pid, "Thread.print").split("\n")) {
            Matcher m = THREAD.matcher(line);
            if (m.find()) {
                String nid = m.group(2);
                out.put(
                        nid.startsWith("0x") ? Integer.parseInt(nid.substring(2), 16) : Integer.parseInt(nid),
                        m.group(1));
            }
        }
        return out;
    }

    /**
     * Class name → {instances, bytes} of the live objects: {@code GC.class_histogram} runs a full GC first, so the
     * sum is the heap in use after GC.
     */
    static Map<String, long[]> histogram(long pid) {
        Map<String, long[]> out = HeapPerEntry.parseHistogram(run(pid, "GC.class_histogram"));
        if (out.isEmpty()) {
            throw new IllegalStateException("jcmd " + pid + " GC.class_histogram gave no histogram");
        }
        return out;
    }

    static long total(Map<String, long[]> histogram) {
        return histogram.values().stream().mapToLong(v -> v[1]).sum();
    }

    private static String run(long pid, String command) {
        try {
            Process p = new ProcessBuilder(List.of("jcmd", Long.toString(pid), command))
                    .redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("jcmd " + command + " did not finish");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
