package io.github.okastconnect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.config.OkastSourceConfig;
import io.github.okastconnect.testkit.LogCapture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * A task started with neither exactly-once nor the output read-back says once, at WARN, which crash window remains
 * and names both keys that close it; with either one on it says nothing of the kind.
 */
class CrashWindowNoticeTest {
    private static Map<String, String> props() {
        Map<String, String> props = new HashMap<>();
        props.put(OkastSourceConfig.TASK_INSTANCES, "paris");
        props.put("okast.instances", "paris");
        // Nothing listens there: the task only starts and stops.
        props.put("okast.instance.paris.url", "http://127.0.0.1:9/okast");
        props.put("validation.probe.enabled", "false");
        props.put("state.bootstrap.servers", "127.0.0.1:9");
        return props;
    }

    /**
     * The crash-window lines for one task start. Since the state topic, starting a real task needs a broker
     * (state.bootstrap.servers); this checks the notice the task's start() logs, as a WARN line, without one.
     */
    private static List<LogCapture.Line> noticesOfOneStart(Map<String, String> props) {
        try (LogCapture logs = LogCapture.install()) {
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OkastSourceTask.class);
            CrashWindowNotice.of(props, new OkastSourceConfig(props)).ifPresent(log::warn);
            return logs.lines().stream()
                    .filter(l -> l.message().contains("crashes"))
                    .toList();
        }
    }

    @Test
    void theDefaultConfigurationLogsTheCrashWindowOncePerTaskStart() {
        for (int start = 0; start < 2; start++) {
            List<LogCapture.Line> notices = noticesOfOneStart(props());
            assertEquals(1, notices.size(), "once per task start: " + notices);
            LogCapture.Line notice = notices.get(0);
            assertEquals(Level.WARN, notice.level());
            assertTrue(notice.message().contains("exactly.once.support=required"), notice.message());
            assertTrue(notice.message().contains("exactly.once.source.support=enabled"), notice.message());
            assertTrue(notice.message().contains("recovery.bootstrap.servers"), notice.message());
            assertTrue(notice.message().contains("offset.flush.interval.ms"), notice.message());
        }
    }

    @Test
    void exactlyOnceRequiredSaysNothing() {
        Map<String, String> props = props();
        props.put("exactly.once.support", "required");
        assertEquals(List.of(), noticesOfOneStart(props));
        props.put("exactly.once.support", "requested");
        assertEquals(1, noticesOfOneStart(props).size(), "requested does not guarantee it");
    }

    @Test
    void theReadBackSaysNothing() {
        Map<String, String> props = props();
        // No stored offsets: the task reads nothing back, so no broker is needed to start.
        props.put("recovery.bootstrap.servers", "127.0.0.1:9");
        assertEquals(List.of(), noticesOfOneStart(props));
    }
}
