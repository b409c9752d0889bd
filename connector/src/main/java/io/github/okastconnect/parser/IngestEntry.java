package io.github.okastconnect.parser;

import java.util.Map;

/**
 * One queue entry exactly as the endpoint sent it. Every value is the raw string (numbers and booleans as their
 * JSON text); an absent or null field is {@code null}, an empty one is {@code ""}.
 *
 * @param request every field of the entry's {@code request} object in document order, filePath included;
 *                non-scalar values are kept as compact JSON text
 */
public record IngestEntry(
        String requestTime, String lastStatusUpdate, String status, String statusError, Map<String, String> request) {

    public IngestEntry {
        request = request == null ? Map.of() : request;
    }

    public String filePath() {
        return request.get("filePath");
    }
}
