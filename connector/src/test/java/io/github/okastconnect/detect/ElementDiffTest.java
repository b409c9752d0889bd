package io.github.okastconnect.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.MalformedResponseException;
import io.github.okastconnect.parser.ScanResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Going by elements ({@link ElementDiff}) must find exactly what a scan finds. Two pipelines follow the same queue
 * through many polls: one as the task runs (by elements whenever it can, else a scan), one that always scans; every
 * poll must give both the same changes in the same order and the same state.
 */
class ElementDiffTest {
    private final IngestStatusParser parser = new IngestStatusParser();
    private final ChangeDetector detector = new ChangeDetector();

    /** One queue entry as the endpoint renders it. */
    private record Item(String path, String requestTime, String status, String lastUpdate, String extra) {
        String json(String ws) {
            String p = path == null ? "null" : "\"" + path + "\"";
            String lu = lastUpdate == null ? "null" : "\"" + lastUpdate + "\"";
            String nested = extra.hashCode() % 3 == 0 ? ",\"meta\":{\"k\":[1,{\"d\":true}]}" : "";
            return "{" + ws + "\"request\":{\"filePath\":" + p + ",\"metadataPath\":\"" + extra + "\"" + nested
                    + "}," + ws
                    + "\"requestTime\":\"" + requestTime + "\"," + ws + "\"lastStatusUpdate\":" + lu + "," + ws
                    + "\"status\":\"" + status + "\"," + ws + "\"statusError\":null}";
        }
    }

    /** {@code body} at the start of a buffer with 0, 1 or 4,096 bytes after it that look like more of the array. */
    private static byte[] inLongerBuffer(byte[] body, int poll) {
        int extra = new int[] {0, 1, 4096}[poll % 3];
        byte[] buffer = Arrays.copyOf(body, body.length + extra);
        byte[] tail = ",{\"request\":{\"filePath\":\"/tail\"},\"requestTime\":\"t\",\"status\":\"DONE\"}]  "
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < extra; i++) {
            buffer[body.length + i] = tail[i % tail.length];
        }
        return buffer;
    }

    /** Both pipelines' state after each poll. */
    private final class Pipelines {
        InstanceState byElements = InstanceState.empty();
        ElementIndex index;
        InstanceState scanned = InstanceState.empty();
        int polls;
        int wentByElements;

        /** One poll of {@code body}; returns whether the element path took it. */
        boolean poll(byte[] body) {
            polls++;
            ChangeDetector.Detection reference = scan(scanned, body, false);
            // As a fetch hands it over: in a reused buffer longer than the body, whose tail holds an earlier body's
            // bytes.
            byte[] buffer = inLongerBuffer(body, polls);
            ChangeDetector.Detection fast =
                    index == null ? null : detector.detectByElements(byElements, index, buffer, body.length, parser);
            boolean went = fast != null;
            if (fast == null) {
                fast = scan(byElements, body, true);
            } else {
                wentByElements++;
            }
            if (reference == null) {
                assertNull(fast, "a body a scan refuses must not be taken by elements");
                return false; // a malformed body changes nothing
            }
            assertNotNull(fast);
            assertEquals(reference.changes(), fast.changes(), "changes of poll " + polls);
            assertEquals(entries(reference.next()), entries(fast.next()), "state after poll " + polls);
            byElements = fast.next();
            index = fast.elements();
            scanned = reference.next();
            if (index != null) {
                assertEquals(byElements.size(), index.size(), "one element per tracked entry");
            }
            return went;
        }

        private ChangeDetector.Detection scan(InstanceState state, byte[] body, boolean indexed) {
            ScanResult<ScannedEntries> scan;
            try {
                scan = parser.scan(body, () -> new ScannedEntries(body.length));
            } catch (MalformedResponseException e) {
                return null;
            }
            return detector.detect(state, scan.visitor(), scan::entryAt, indexed ? scan.elementsBody() : null);
        }
    }

    private static Map<EntryKey, EntryState> entries(InstanceState state) {
        Map<EntryKey, EntryState> map = new HashMap<>();
        state.forEach(map::put);
        return map;
    }

    private static byte[] render(List<Item> items, String ws) {
        List<String> parts = new ArrayList<>();
        for (Item item : items) {
            parts.add(item.json(ws));
        }
        return ("[" + ws + String.join("," + ws, parts) + ws + "]").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Item> queue(int n, Random r) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(fresh(i, r));
        }
        return items;
    }

    private static Item fresh(int i, Random r) {
        String path = r.nextInt(40) == 0 ? "\u00e9t\u00e9/\ud83c\udfac " + i + ".mp4" : "media/clip-" + i + ".mp4";
        return new Item(
                path,
                String.format("2022-10%02d 1%d:%02d:00", 10 + i % 18, i % 10, i % 60),
                "PENDING",
                r.nextBoolean() ? null : "2022-1018 14:20:00",
                "meta/" + i + ".xml");
    }

    private static final String[] STATUSES = {"PENDING", "DOWNLOADING", "PROCESSING", "DONE", "ERRORED"};

    @Test
    void inPlaceStatusChangesGoByElements() {
        Random r = new Random(1);
        List<Item> items = queue(2000, r);
        Pipelines p = new Pipelines();
        p.poll(render(items, ""));
        for (int poll = 0; poll < 20; poll++) {
            for (int k = 0; k < 20; k++) {
                int i = r.nextInt(items.size());
                Item it = items.get(i);
                items.set(
                        i,
                        new Item(
                                it.path,
                                it.requestTime,
                                STATUSES[r.nextInt(5)],
                                "2022-1018 15:" + poll % 60 + ":00",
                                it.extra));
            }
            assertTrue(p.poll(render(items, "")), "poll " + poll + " should go by elements");
        }
        assertEquals(20, p.wentByElements);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyKindOfQueueChangeFindsWhatAScanFinds(long seed) {
        Random r = new Random(seed);
        List<Item> items = queue(300, r);
        int nextId = items.size();
        Pipelines p = new Pipelines();
        p.poll(render(items, ""));
        for (int poll = 0; poll < 150; poll++) {
            String ws = "";
            switch (r.nextInt(12)) {
                case 0 -> { // status changes in place
                    for (int k = r.nextInt(5); k >= 0; k--) {
                        int i = r.nextInt(items.size());
                        Item it = items.get(i);
                        items.set(
                                i, new Item(it.path, it.requestTime, STATUSES[r.nextInt(5)], it.lastUpdate, it.extra));
                    }
                }
                case 1 -> { // new entries anywhere
                    for (int k = r.nextInt(4); k >= 0; k--) {
                        items.add(r.nextInt(items.size() + 1), fresh(nextId++, r));
                    }
                }
                case 2 -> { // entries leave
                    for (int k = r.nextInt(6); k >= 0 && items.size() > 1; k--) {
                        items.remove(r.nextInt(items.size()));
                    }
                }
                case 3 -> { // an entry moves
                    Item it = items.remove(r.nextInt(items.size()));
                    items.add(r.nextInt(items.size() + 1), it);
                }
                case 4 -> { // a field other than the state changes: different bytes, same state
                    int i = r.nextInt(items.size());
                    Item it = items.get(i);
                    items.set(i, new Item(it.path, it.requestTime, it.status, it.lastUpdate, it.extra + "x"));
                }
                case 5 -> { // now and then, a twin: same filePath and requestTime (never by elements while it lasts)
                    if (r.nextInt(4) == 0) {
                        Item it = items.get(r.nextInt(items.size()));
                        items.add(
                                r.nextInt(items.size() + 1),
                                new Item(it.path, it.requestTime, "PENDING", null, "twin"));
                    }
                }
                case 6 -> { // twins leave, all of them
                    Map<String, Integer> counts = new HashMap<>();
                    items.forEach(it -> counts.merge(it.path + "|" + it.requestTime, 1, Integer::sum));
                    items.removeIf(it -> counts.get(it.path + "|" + it.requestTime) > 1);
                }
                case 7 -> ws = r.nextBoolean() ? " " : "\n  "; // the same queue, other whitespace
                case 8 -> java.util.Collections.reverse(items);
                case 9 -> { // the front leaves, new ones at the end
                    for (int k = r.nextInt(10); k >= 0 && items.size() > 1; k--) {
                        items.remove(0);
                    }
                    items.add(fresh(nextId++, r));
                }
                case 10 -> {
                    byte[] broken = damaged(render(items, ws), r);
                    p.poll(broken);
                    continue;
                }
                default -> {} // nothing changes
            }
            p.poll(render(items, ws));
        }
        assertTrue(p.wentByElements > p.polls / 4, "by elements " + p.wentByElements + " of " + p.polls);
    }

    /** The body with one defect a scan either skips (one bad element) or refuses (broken grammar). */
    private static byte[] damaged(byte[] body, Random r) {
        String s = new String(body, StandardCharsets.UTF_8);
        int comma = s.indexOf("},{", r.nextInt(Math.max(1, s.length() - 4)));
        return switch (r.nextInt(6)) {
            case 0 ->
                comma < 0
                        ? body
                        : (s.substring(0, comma + 2) + "42," + s.substring(comma + 2)).getBytes(StandardCharsets.UTF_8);
            case 1 ->
                comma < 0
                        ? body
                        : (s.substring(0, comma + 2) + "{\"status\":\"a\",\"status\":\"b\"}," + s.substring(comma + 2))
                                .getBytes(StandardCharsets.UTF_8);
            case 2 -> java.util.Arrays.copyOf(body, body.length - 1 - r.nextInt(Math.min(40, body.length - 1)));
            case 3 -> (s + " x").getBytes(StandardCharsets.UTF_8);
            case 4 ->
                comma < 0
                        ? body
                        : (s.substring(0, comma + 1) + ";" + s.substring(comma + 2)).getBytes(StandardCharsets.UTF_8);
            default -> s.replace(",\"", ",\u00a0\"").getBytes(StandardCharsets.UTF_8);
        };
    }

    @Test
    void anEmptyQueueRemovesEverythingByElements() {
        Random r = new Random(3);
        List<Item> items = queue(50, r);
        Pipelines p = new Pipelines();
        p.poll(render(items, ""));
        assertTrue(p.poll("[ ]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, p.byElements.size());
    }
}
