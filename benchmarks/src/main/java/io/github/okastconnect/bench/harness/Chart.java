package io.github.okastconnect.bench.harness;

import static io.github.okastconnect.bench.Markdown.f;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Latency p50/p99 and CPU vs number of instances, drawn with java.awt in headless mode (no extra dependency). */
public final class Chart {
    private static final int W = 1200;
    private static final int H = 500;
    private static final Color P50 = new Color(0x7FB3D5);
    private static final Color P99 = new Color(0x1F618D);
    private static final Color TASK = new Color(0xE59866);
    private static final Color JVM = new Color(0xA04000);
    private static final Color TARGET = new Color(0xC0392B);

    private Chart() {}

    public static void write(List<ScenarioResult> results, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(
                "Okast connector end to end: latency and CPU vs number of instances (one task; real broker and"
                        + " Connect worker, 2 cores)",
                20,
                26);

        double maxLatency = 1;
        for (ScenarioResult r : results) {
            maxLatency = Math.max(maxLatency, Math.max(r.p99Ms(), r.scenario().latencyTargetMs()));
        }
        Panel<ScenarioResult> latency = new Panel<>(
                g,
                20,
                50,
                W / 2 - 30,
                H - 70,
                "Change → consumer latency (ms)",
                maxLatency * 1.15,
                results,
                r -> r.scenario().label(),
                SCENARIO_AXIS);
        latency.bars(
                new String[] {"p50", "p99"},
                new Color[] {P50, P99},
                new ToDoubleFunction[] {r -> ((ScenarioResult) r).p50Ms(), r -> ((ScenarioResult) r).p99Ms()},
                "%.0f");
        latency.targets(r -> r.scenario().latencyTargetMs(), "target: interval + 250 ms");

        double maxCores = 0.1;
        for (ScenarioResult r : results) {
            maxCores = Math.max(maxCores, Math.max(r.processCores(), r.connectorCores()));
        }
        Panel<ScenarioResult> cpu = new Panel<>(
                g,
                W / 2 + 10,
                50,
                W / 2 - 30,
                H - 70,
                "CPU (cores busy); label: connector CPU s per million entries polled",
                maxCores * 1.25,
                results,
                r -> r.scenario().label(),
                SCENARIO_AXIS);
        cpu.bars(
                new String[] {"connector threads", "whole JVM"},
                new Color[] {TASK, JVM},
                new ToDoubleFunction[] {
                    r -> ((ScenarioResult) r).connectorCores(), r -> ((ScenarioResult) r).processCores()
                },
                "%.2f");
        cpu.notes(r -> f("%.2f s/M", r.connectorCpuPerMillionEntries()));
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static final String SCENARIO_AXIS = "instances × entries @ poll interval";

    /**
     * The capacity ramp of {@link WorkerBench}: per mode and step, the p99 gap between one instance's poll starts
     * against interval + 250 ms, and the worker's CPU (whole process minus idle, and the task thread alone).
     */
    public static void writeCapacity(List<WorkerRun> runs, Path file) throws IOException {
        record Bar(String label, WorkerRun.RampStep step) {}
        List<Bar> bars = new java.util.ArrayList<>();
        for (WorkerRun run : runs) {
            for (WorkerRun.RampStep s : run.ramp()) {
                bars.add(new Bar((run.exactlyOnce() ? "EOS " : "ALO ") + s.instances(), s));
            }
        }
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(
                "Capacity of one task in a real Connect worker process: instances × 1,000 entries, 1 % changed per"
                        + " poll (ALO = at-least-once, EOS = exactly-once)",
                20, 26);
        double maxGap = 1;
        double maxCores = 0.1;
        for (Bar b : bars) {
            maxGap = Math.max(maxGap, Math.max(b.step().gapP99Ms(), b.step().intervalMs() + 250));
            maxCores =
                    Math.max(maxCores, Math.max(b.step().workerCores(), b.step().taskThreadCores()));
        }
        String axis = "mode and instances on the task";
        Panel<Bar> gap = new Panel<>(
                g,
                20,
                50,
                W / 2 - 30,
                H - 70,
                "p99 gap between one instance's poll starts (ms); label: % of polls made",
                maxGap * 1.15,
                bars,
                Bar::label,
                axis);
        gap.bars(
                new String[] {"p50 gap", "p99 gap"},
                new Color[] {P50, P99},
                new ToDoubleFunction[] {
                    b -> ((Bar) b).step().gapP50Ms(), b -> ((Bar) b).step().gapP99Ms()
                },
                "%.0f");
        gap.targets(b -> b.step().intervalMs() + 250, "limit: interval + 250 ms");
        gap.notes(b -> f("%.0f%%", 100 * b.step().pollRatio()));
        Panel<Bar> cpu = new Panel<>(
                g,
                W / 2 + 10,
                50,
                W / 2 - 30,
                H - 70,
                "Worker CPU (cores, idle worker subtracted, JIT left out)",
                maxCores * 1.25,
                bars,
                Bar::label,
                axis);
        cpu.bars(
                new String[] {"task thread", "whole worker"},
                new Color[] {TASK, JVM},
                new ToDoubleFunction[] {
                    b -> ((Bar) b).step().taskThreadCores(),
                    b -> ((Bar) b).step().workerCores()
                },
                "%.2f");
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static final class Panel<T> {
        private final Graphics2D g;
        private final int x0;
        private final int y0;
        private final int plotLeft;
        private final int plotTop;
        private final int plotWidth;
        private final int plotHeight;
        private final double max;
        private final List<T> results;
        private final java.util.function.Function<T, String> label;
        private final String axis;

        Panel(
                Graphics2D g,
                int x,
                int y,
                int w,
                int h,
                String title,
                double max,
                List<T> results,
                java.util.function.Function<T, String> label,
                String axis) {
            this.g = g;
            this.x0 = x;
            this.y0 = y;
            this.plotLeft = x + 55;
            this.plotTop = y + 50;
            this.plotWidth = w - 65;
            this.plotHeight = h - 110;
            this.max = max;
            this.results = results;
            this.label = label;
            this.axis = axis;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, x, y + 12);
            axes();
        }

        private int y(double value) {
            return plotTop + plotHeight - (int) Math.round(value / max * plotHeight);
        }

        private void axes() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            double step = niceStep(max / 5);
            for (double v = 0; v <= max; v += step) {
                int yy = y(v);
                g.setColor(new Color(0xE5E5E5));
                g.drawLine(plotLeft, yy, plotLeft + plotWidth, yy);
                g.setColor(Color.DARK_GRAY);
                String label = step >= 1 ? f("%.0f", v) : f("%.2f", v);
                g.drawString(label, plotLeft - 8 - g.getFontMetrics().stringWidth(label), yy + 4);
            }
            g.setColor(Color.BLACK);
            g.drawLine(plotLeft, plotTop, plotLeft, plotTop + plotHeight);
            g.drawLine(plotLeft, plotTop + plotHeight, plotLeft + plotWidth, plotTop + plotHeight);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < results.size(); i++) {
                String text = label.apply(results.get(i));
                int cx = groupCenter(i);
                g.drawString(text, cx - fm.stringWidth(text) / 2, plotTop + plotHeight + 18);
            }
            g.drawString(axis, plotLeft + plotWidth / 2 - fm.stringWidth(axis) / 2, plotTop + plotHeight + 38);
        }

        private static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double m : new double[] {1, 2, 2.5, 5, 10}) {
                if (m * magnitude >= raw) {
                    return m * magnitude;
                }
            }
            return 10 * magnitude;
        }

        private int groupWidth() {
            return plotWidth / Math.max(1, results.size());
        }

        private int groupCenter(int i) {
            return plotLeft + groupWidth() * i + groupWidth() / 2;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void bars(String[] names, Color[] colors, ToDoubleFunction[] values, String format) {
            int barWidth = Math.min(50, groupWidth() / (names.length + 1));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i < results.size(); i++) {
                int left = groupCenter(i) - barWidth * names.length / 2;
                for (int b = 0; b < names.length; b++) {
                    double v = values[b].applyAsDouble(results.get(i));
                    int top = y(Math.max(0, v));
                    g.setColor(colors[b]);
                    g.fillRect(left + b * barWidth, top, barWidth - 4, plotTop + plotHeight - top);
                    g.setColor(Color.BLACK);
                    String label = f(format, v);
                    g.drawString(
                            label,
                            left
                                    + b * barWidth
                                    + (barWidth - 4) / 2
                                    - g.getFontMetrics().stringWidth(label) / 2,
                            top - 4);
                }
            }
            int lx = x0;
            for (int b = 0; b < names.length; b++) {
                g.setColor(colors[b]);
                g.fillRect(lx, y0 + 24, 12, 12);
                g.setColor(Color.BLACK);
                g.drawString(names[b], lx + 16, y0 + 34);
                lx += 30 + g.getFontMetrics().stringWidth(names[b]);
            }
        }

        void targets(ToDoubleFunction<T> target, String legend) {
            Stroke old = g.getStroke();
            g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.setColor(TARGET);
            for (int i = 0; i < results.size(); i++) {
                int yy = y(target.applyAsDouble(results.get(i)));
                g.drawLine(groupCenter(i) - groupWidth() / 2 + 8, yy, groupCenter(i) + groupWidth() / 2 - 8, yy);
            }
            g.setStroke(old);
            g.drawLine(x0 + 300, y0 + 30, x0 + 330, y0 + 30);
            g.drawString(legend, x0 + 336, y0 + 34);
        }

        void notes(java.util.function.Function<T, String> note) {
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
            g.setColor(Color.DARK_GRAY);
            for (int i = 0; i < results.size(); i++) {
                String text = note.apply(results.get(i));
                g.drawString(text, groupCenter(i) - g.getFontMetrics().stringWidth(text) / 2, plotTop - 6);
            }
        }
    }
}
