package io.github.okastconnect.parser;

import java.util.List;
import java.util.Map;

/**
 * The entries of one status response, with the entries that had to be skipped counted by reason.
 *
 * @param skipped reason → number of entries skipped for it in this response
 */
public record ParsedResponse(List<IngestEntry> entries, Map<SkipReason, Integer> skipped) {
    public ParsedResponse {
        entries = List.copyOf(entries);
        skipped = Map.copyOf(skipped);
    }

    public int skippedCount() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }
}
