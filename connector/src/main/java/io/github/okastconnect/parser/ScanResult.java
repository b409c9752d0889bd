package io.github.okastconnect.parser;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a scan found: the visitor that saw the kept entries, and the skipped ones by reason; and the way back
 * to any kept entry in full. Entries are re-read one by one from their byte range while few are asked for;
 * past a fraction of the response (a poll where most entries changed) the body is parsed in full once instead,
 * which is cheaper than thousands of one-entry parsers.
 */
public final class ScanResult<V extends EntryVisitor> {
    private final V visitor;
    private final Map<SkipReason, Integer> skipped;
    private final EntryRanges ranges;
    private final Supplier<List<IngestEntry>> parseAll;
    private final int kept;
    private final byte[] elementsBody;
    private int reads;
    private List<IngestEntry> all;

    ScanResult(
            V visitor,
            Map<SkipReason, Integer> skipped,
            int kept,
            EntryRanges ranges,
            Supplier<List<IngestEntry>> parseAll,
            byte[] elementsBody) {
        this.visitor = visitor;
        this.elementsBody = elementsBody;
        this.skipped = Map.copyOf(skipped);
        this.kept = kept;
        this.ranges = ranges;
        this.parseAll = parseAll;
    }

    /** A scan whose entries are all parsed already. */
    ScanResult(V visitor, Map<SkipReason, Integer> skipped, List<IngestEntry> all) {
        this(visitor, skipped, all.size(), null, () -> all, null);
        this.all = all;
    }

    public V visitor() {
        return visitor;
    }

    /**
     * The response itself when the visitor's byte ranges are ranges of it, as received, and every element was kept:
     * each kept entry's element then lies at exactly those bytes of the response. Null otherwise (a body re-read
     * after normalising its indentation, one with skipped elements, or not UTF-8).
     */
    public byte[] elementsBody() {
        return elementsBody;
    }

    public Map<SkipReason, Integer> skipped() {
        return skipped;
    }

    public int skippedCount() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The full entry that the visitor saw {@code index}-th (from 0), with {@code start} and {@code end}. A
     * full parse keeps and skips exactly what the scan did, so its {@code index}-th entry is the same one.
     */
    public IngestEntry entryAt(int index, int start, int end) {
        if (all == null && ++reads > Math.max(64, kept / 16)) {
            all = parseAll.get();
        }
        return all != null ? all.get(index) : ranges.entryAt(start, end);
    }

    /** Reads one entry in full from its byte range. */
    interface EntryRanges {
        IngestEntry entryAt(int start, int end);
    }
}
