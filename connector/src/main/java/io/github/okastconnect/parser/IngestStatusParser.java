package io.github.okastconnect.parser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a {@code _getIngestStatus.php} body with Jackson's streaming API, straight into {@link IngestEntry}
 * values: no intermediate tree, so a large queue costs little more than tokenising it.
 *
 * <p>Whole-body problems (not JSON, not an array, truncated, invalid UTF-8, trailing garbage) raise
 * {@link MalformedResponseException}; problems confined to one entry skip that entry and are counted.
 * Entry order carries no meaning here: it is kept only so that output is reproducible.
 */
public final class IngestStatusParser {
    /** Longest string kept in any field; larger values are not ingest metadata, so their entry is skipped. */
    public static final int MAX_FIELD_CHARS = 64 * 1024;
    private static final int MAX_NESTING = 64;

    private final JsonFactory factory;
    private final ObjectMapper mapper;

    public IngestStatusParser() {
        this.mapper = new ObjectMapper();
        this.factory = mapper.getFactory();
        factory.setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(Math.max(MAX_FIELD_CHARS * 4, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
                .build());
    }

    public ParsedResponse parse(byte[] body) throws MalformedResponseException {
        try {
            return parseStrict(body);
        } catch (MalformedResponseException e) {
            byte[] normalised = NonBreakingSpaces.normalise(body);
            if (normalised == null) {
                throw e;
            }
            return parseStrict(normalised);
        }
    }

    private ParsedResponse parseStrict(byte[] body) throws MalformedResponseException {
        if (body.length == 0) {
            throw new MalformedResponseException("empty body (expected a JSON array)");
        }
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedResponseException("blank body (expected a JSON array)");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new MalformedResponseException("expected a JSON array but the body is " + describe(first)
                        + "; starts with " + BodySnippet.of(body));
            }
            List<IngestEntry> entries = new ArrayList<>();
            Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new MalformedResponseException("truncated body: the JSON array is not closed");
                }
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    skipped.merge(SkipReason.NOT_AN_OBJECT, 1, Integer::sum);
                    continue;
                }
                EntryReader reader = new EntryReader(parser);
                IngestEntry entry = reader.read();
                if (entry == null) {
                    skipped.merge(reader.skipReason, 1, Integer::sum);
                } else {
                    entries.add(entry);
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedResponseException("unexpected content after the JSON array");
            }
            return new ParsedResponse(entries, skipped);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("invalid JSON: " + BodySnippet.sanitise(e.getOriginalMessage())
                    + " (starts with " + BodySnippet.of(body) + ")", e);
        } catch (IOException e) {
            throw new MalformedResponseException("unreadable body: " + BodySnippet.sanitise(e.getMessage()), e);
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "a JSON object";
            case VALUE_STRING -> "a JSON string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a JSON number";
            case VALUE_TRUE, VALUE_FALSE -> "a JSON boolean";
            case VALUE_NULL -> "JSON null";
            default -> token.toString();
        };
    }

    /** Reads one entry object; on a per-entry problem it consumes the rest of the object and returns null. */
    private final class EntryReader {
        private final JsonParser parser;
        private SkipReason skipReason;
        private String requestTime;
        private String lastStatusUpdate;
        private String status;
        private String statusError;
        private Map<String, String> request;
        private int seen;

        EntryReader(JsonParser parser) {
            this.parser = parser;
        }

        IngestEntry read() throws IOException {
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
                            requestTime = scalar(value);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "lastStatusUpdate" -> {
                        if (markSeen(4)) {
                            lastStatusUpdate = scalar(value);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "status" -> {
                        if (markSeen(8)) {
                            status = scalar(value);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "statusError" -> {
                        if (markSeen(16)) {
                            statusError = scalar(value);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    // Fields Okast may add later are not part of the event contract yet; skip them whole.
                    default -> parser.skipChildren();
                }
            }
            if (skipReason != null) {
                return null;
            }
            return new IngestEntry(requestTime, lastStatusUpdate, status, statusError, request);
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
            Map<String, String> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (skipReason != null) {
                    parser.skipChildren();
                    continue;
                }
                String text = token.isStructStart() ? compactJson() : scalar(token);
                if (skipReason == null && fields.containsKey(name)) {
                    skip(SkipReason.DUPLICATE_FIELD);
                } else if (skipReason == null) {
                    fields.put(name, text);
                }
            }
            request = fields;
        }

        private String scalar(JsonToken token) throws IOException {
            switch (token) {
                case VALUE_NULL:
                    return null;
                case VALUE_STRING:
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return bounded(parser.getText());
                default:
                    parser.skipChildren();
                    skip(SkipReason.WRONG_TYPE);
                    return null;
            }
        }

        private String compactJson() throws IOException {
            return bounded(mapper.writeValueAsString(parser.readValueAsTree()));
        }

        private String bounded(String text) {
            if (text.length() > MAX_FIELD_CHARS) {
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
}
