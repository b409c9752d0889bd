package io.github.okastconnect.parser;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one entry object at a time; on a per-entry problem it consumes the rest of the object and reports it
 * skipped. In full mode it builds the entry's Strings and request map; otherwise (a scan) it copies only filePath,
 * requestTime, status and lastStatusUpdate into reusable slots, and checks every other value exactly as full mode
 * does (type, length, duplicates), so both modes keep and skip the same entries. Reused from entry to entry.
 */
final class EntryReader {
    private final ObjectMapper mapper;
    final boolean full;
    private JsonParser parser;
    SkipReason skipReason;
    private int seen;
    // Full mode.
    private String requestTime;
    private String lastStatusUpdate;
    private String status;
    private String statusError;
    private Map<String, String> request;
    // Scan mode.
    final TextSlot filePathText = new TextSlot();
    final TextSlot requestTimeText = new TextSlot();
    final TextSlot statusText = new TextSlot();
    final TextSlot lastStatusUpdateText = new TextSlot();
    private String[] requestNames = new String[16];
    private int requestFields;

    EntryReader(ObjectMapper mapper, boolean full) {
        this.mapper = mapper;
        this.full = full;
    }

    IngestEntry entry() {
        return new IngestEntry(requestTime, lastStatusUpdate, status, statusError, request);
    }

    /** Reads the object whose START_OBJECT was just read; false if the entry is to be skipped. */
    boolean read(JsonParser source) throws IOException {
        parser = source;
        skipReason = null;
        seen = 0;
        requestTime = lastStatusUpdate = status = statusError = null;
        request = null;
        filePathText.clear();
        requestTimeText.clear();
        statusText.clear();
        lastStatusUpdateText.clear();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (skipReason != null) {
                parser.skipChildren();
                continue;
            }
            switch (field) {
                case "request" -> {
                    if (markSeen(1)) {
                        readRequest(value);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "requestTime" -> {
                    if (markSeen(2)) {
                        requestTime = scalar(value, requestTimeText);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "lastStatusUpdate" -> {
                    if (markSeen(4)) {
                        lastStatusUpdate = scalar(value, lastStatusUpdateText);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "status" -> {
                    if (markSeen(8)) {
                        status = scalar(value, statusText);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "statusError" -> {
                    if (markSeen(16)) {
                        statusError = scalar(value, null);
                    } else {
                        parser.skipChildren();
                    }
                }
                // Fields Okast may add later are not part of the event contract yet; skip them whole.
                default -> parser.skipChildren();
            }
        }
        return skipReason == null;
    }

    private boolean markSeen(int bit) throws IOException {
        if ((seen & bit) != 0) {
            skip(SkipReason.DUPLICATE_FIELD);
            return false;
        }
        seen |= bit;
        return true;
    }

    private void readRequest(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            skip(SkipReason.WRONG_TYPE);
            return;
        }
        Map<String, String> fields = full ? new LinkedHashMap<>() : null;
        requestFields = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (skipReason != null) {
                parser.skipChildren();
                continue;
            }
            TextSlot slot = name.equals("filePath") ? filePathText : null;
            String text = token.isStructStart() ? compactJson(slot) : scalar(token, slot);
            if (skipReason == null && (full ? fields.containsKey(name) : seenRequestField(name))) {
                skip(SkipReason.DUPLICATE_FIELD);
            } else if (skipReason == null && full) {
                fields.put(name, text);
            }
        }
        request = fields;
    }

    /** Scan mode's duplicate check: a request has a handful of fields, so a list beats a map. */
    private boolean seenRequestField(String name) {
        for (int i = 0; i < requestFields; i++) {
            if (requestNames[i].equals(name)) {
                return true;
            }
        }
        if (requestFields == requestNames.length) {
            requestNames = java.util.Arrays.copyOf(requestNames, requestFields * 2);
        }
        requestNames[requestFields++] = name;
        return false;
    }

    /** The value's text in full mode; in scan mode null, the text going to {@code slot} (if any) instead. */
    private String scalar(JsonToken token, TextSlot slot) throws IOException {
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
                if (full) {
                    return bounded(parser.getText());
                }
                // Same decoding and length as getText(), without making a String.
                int length = parser.getTextLength();
                if (length > IngestStatusParser.MAX_FIELD_CHARS) {
                    skip(SkipReason.FIELD_TOO_LONG);
                } else if (slot != null) {
                    slot.set(parser.getTextCharacters(), parser.getTextOffset(), length);
                }
                return null;
            default:
                parser.skipChildren();
                skip(SkipReason.WRONG_TYPE);
                return null;
        }
    }

    private String compactJson(TextSlot slot) throws IOException {
        String text = bounded(mapper.writeValueAsString(parser.readValueAsTree()));
        if (text != null && slot != null) {
            slot.set(text);
        }
        return text;
    }

    private String bounded(String text) {
        if (text.length() > IngestStatusParser.MAX_FIELD_CHARS) {
            skip(SkipReason.FIELD_TOO_LONG);
            return null;
        }
        return text;
    }

    private void skip(SkipReason reason) {
        if (skipReason == null) {
            skipReason = reason;
        }
    }
}
