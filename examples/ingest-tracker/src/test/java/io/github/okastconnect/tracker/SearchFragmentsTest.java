package io.github.okastconnect.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchFragmentsTest {

    @Test
    void termsStartAtSegmentsAndWords() {
        assertEquals(
                List.of(
                        "https://cdn/a/show_42-final.mp4",
                        "show_42-final.mp4",
                        "42-final.mp4",
                        "final.mp4",
                        "mp4",
                        "a/show_42-final.mp4",
                        "cdn/a/show_42-final.mp4",
                        "/cdn/a/show_42-final.mp4"),
                List.copyOf(SearchFragments.terms("https://CDN/a/Show_42-Final.mp4")));
    }

    @Test
    void termsAreBounded() {
        String deep = "x/".repeat(200) + "a-".repeat(200) + "z.mp4";
        assertTrue(SearchFragments.terms(deep).size() <= SearchFragments.MAX_TERMS);
        assertEquals(Set.of(), SearchFragments.terms(null));
    }

    @Test
    void idsRoundTripAndRejectForeignValues() {
        String key =
                EntryIds.storeKey(new io.github.okastconnect.streams.EntryKey("paris", "https://cdn/a b.mp4", "t", 0));
        assertEquals(key, EntryIds.fromId(EntryIds.toId(key)).orElseThrow());
        assertEquals("paris", EntryIds.instanceOf(key));
        assertTrue(EntryIds.fromId("***").isEmpty());
        assertTrue(EntryIds.fromId(EntryIds.toId("no separators")).isEmpty());
    }
}
