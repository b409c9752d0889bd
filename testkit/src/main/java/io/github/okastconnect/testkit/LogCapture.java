package io.github.okastconnect.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects every log event of the JVM (connector, Connect runtime, clients) at DEBUG and above, with the MDC
 * context Connect sets, so tests can assert what an operator would read — and what must never be there.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
    /** One captured line. */
    public record Line(Level level, String logger, String context, String message, String thrown) {
        public String all() {
            return level + " " + logger + " " + context + " " + message + " " + thrown;
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    /** Where {@link #lines()} starts: {@link #clear()} moves it, nothing is ever dropped (see {@link #everything()}). */
    private volatile int from;

    private LogCapture(LoggerContext context) {
        super("test-capture", null, null, true, Property.EMPTY_ARRAY);
        this.context = context;
    }

    public static LogCapture install() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        LogCapture capture = new LogCapture(ctx);
        capture.start();
        Configuration config = ctx.getConfiguration();
        // Every logger configured here is additive, so the root sees all events exactly once.
        config.getRootLogger().addAppender(capture, Level.DEBUG, null);
        LoggerConfig ours = config.getLoggerConfig("io.github.okastconnect");
        ours.setLevel(Level.DEBUG);
        ctx.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        String ctx = event.getContextData().getValue("connector.context");
        Throwable t = event.getThrown();
        StringBuilder thrown = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            thrown.append(c).append(" / ");
        }
        lines.add(new Line(
                event.getLevel(),
                event.getLoggerName(),
                ctx == null ? "" : ctx,
                event.getMessage().getFormattedMessage(),
                thrown.toString()));
    }

    /** The lines since install or the last {@link #clear()}. */
    public List<Line> lines() {
        List<Line> all = List.copyOf(lines);
        return all.subList(Math.min(from, all.size()), all.size());
    }

    /** Every line since install, {@link #clear()} notwithstanding: what a secret scan must read. */
    public List<Line> everything() {
        return List.copyOf(lines);
    }

    /** Starts {@link #lines()} afresh, for assertions about one phase; {@link #everything()} keeps them all. */
    public void clear() {
        from = lines.size();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
