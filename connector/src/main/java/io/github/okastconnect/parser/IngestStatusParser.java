package io.github.okastconnect.parser;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a {@code _getIngestStatus.php} body with Jackson's streaming API, straight into {@link IngestEntry}
 * values: no intermediate tree, so a large queue costs little more than tokenising it. The per-poll path goes
 * further ({@link #scan}): it builds no entry at all, only hands each entry's key and state fields to a visitor,
 * since a poll emits the few entries that changed and those alone are read in full afterwards.
 *
 * <p>Problems confined to one element of the array skip that element alone and are counted by {@link SkipReason},
 * whether the element is readable JSON with a wrong shape (a field of the wrong type, too long, duplicated) or JSON
 * the parser refuses (nested deeper than its limit, a raw control character, a malformed token or encoding).
 * Only a body that is not a JSON array of elements at all (empty, not an array, truncated, its structure broken
 * between or inside elements, trailing content) raises {@link MalformedResponseException}.
 * Entry order carries no meaning here: it is kept only so that output is reproducible.
 */
public final class IngestStatusParser {
    /** Longest string kept in any field; larger values are not ingest metadata, so their entry is skipped. */
    public static final int MAX_FIELD_CHARS = 64 * 1024;

    private static final int MAX_NESTING = 64;

    private final JsonFactory factory;
    /** For an element read alone: one level less, since the array around it is not read. */
    private final JsonFactory elementFactory;

    private final ObjectMapper mapper;

    public IngestStatusParser() {
        this.mapper = new ObjectMapper();
        this.factory = mapper.getFactory();
        factory.setStreamReadConstraints(constraints(MAX_NESTING));
        this.elementFactory = factory.copy();
        elementFactory.setCodec(mapper); // non-scalar request values are read as trees
        elementFactory.setStreamReadConstraints(constraints(MAX_NESTING - 1));
    }

    private static StreamReadConstraints constraints(int maxNesting) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNesting)
                .maxStringLength(Math.max(MAX_FIELD_CHARS * 4, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
                .build();
    }

    public ParsedResponse parse(byte[] body) throws MalformedResponseException {
        List<IngestEntry> entries = new ArrayList<>();
        Map<SkipReason, Integer> skipped;
        try {
            skipped = parseStrict(
                    body, new EntryReader(mapper, true), (reader, start, end) -> entries.add(reader.entry()), true);
        } catch (MalformedResponseException e) {
            byte[] normalised = NonBreakingSpaces.normalise(body);
            if (normalised == null) {
                throw e;
            }
            entries.clear();
            skipped = parseStrict(
                    normalised,
                    new EntryReader(mapper, true),
                    (reader, start, end) -> entries.add(reader.entry()),
                    false);
        }
        return new ParsedResponse(entries, skipped);
    }

    /**
     * Reads a body exactly as {@link #parse} does (same entries kept, same skips, same failures), but hands each
     * kept entry's key and state fields to a visitor instead of building it: the per-poll path, where almost every
     * entry is unchanged and only the few that changed are then read in full with {@link ScanResult#entryAt}.
     *
     * @param visitors makes the visitor; called again if the body must be re-read without U+00A0 indentation
     */
    public <V extends EntryVisitor> ScanResult<V> scan(byte[] body, Supplier<V> visitors)
            throws MalformedResponseException {
        Counting<V> visitor = new Counting<>(visitors.get());
        try {
            Map<SkipReason, Integer> skipped = parseStrict(body, new EntryReader(mapper, false), sink(visitor), true);
            return skipped != null ? scanned(visitor, skipped, body, body) : scanDecoded(body, visitors);
        } catch (MalformedResponseException e) {
            byte[] normalised = NonBreakingSpaces.normalise(body);
            if (normalised == null) {
                throw e;
            }
            Counting<V> again = new Counting<>(visitors.get());
            Map<SkipReason, Integer> skipped =
                    parseStrict(normalised, new EntryReader(mapper, false), sink(again), false);
            return skipped != null ? scanned(again, skipped, normalised, body) : scanDecoded(body, visitors);
        }
    }

    private <V extends EntryVisitor> ScanResult<V> scanned(
            Counting<V> visitor, Map<SkipReason, Integer> skipped, byte[] scannedBody, byte[] response) {
        return new ScanResult<>(
                visitor.target,
                skipped,
                visitor.count,
                (start, end) -> entryAt(scannedBody, start, end),
                () -> parseUnchecked(response),
                scannedBody == response && skipped.isEmpty() ? response : null);
    }

    /** Counts the entries it passes on. */
    private static final class Counting<V extends EntryVisitor> implements EntryVisitor {
        private final V target;
        private int count;

        Counting(V target) {
            this.target = target;
        }

        @Override
        public void entry(
                CharSequence filePath,
                CharSequence requestTime,
                CharSequence status,
                CharSequence lastStatusUpdate,
                int start,
                int end) {
            count++;
            target.entry(filePath, requestTime, status, lastStatusUpdate, start, end);
        }
    }

    /** A parse of a body already scanned without failure, which cannot fail either. */
    private List<IngestEntry> parseUnchecked(byte[] body) {
        try {
            return parse(body).entries();
        } catch (MalformedResponseException e) {
            throw new IllegalStateException("a scanned body no longer parses", e);
        }
    }

    /**
     * A body in UTF-16 or UTF-32 (which Jackson detects and accepts) has no byte offsets to re-read an entry from,
     * so it is parsed in full at once.
     */
    private <V extends EntryVisitor> ScanResult<V> scanDecoded(byte[] body, Supplier<V> visitors)
            throws MalformedResponseException {
        ParsedResponse parsed = parse(body);
        V visitor = visitors.get();
        List<IngestEntry> entries = parsed.entries();
        for (IngestEntry e : entries) {
            visitor.entry(e.filePath(), e.requestTime(), e.status(), e.lastStatusUpdate(), -1, -1);
        }
        return new ScanResult<>(visitor, parsed.skipped(), entries);
    }

    private static Sink sink(EntryVisitor visitor) {
        return (reader, start, end) -> visitor.entry(
                reader.filePathText.orNull(),
                reader.requestTimeText.orNull(),
                reader.statusText.orNull(),
                reader.lastStatusUpdateText.orNull(),
                start,
                end);
    }

    /** The entry whose object lies at {@code body[start, end)} of a body this parser scanned without failure. */
    private IngestEntry entryAt(byte[] body, int start, int end) {
        Element element = readElement(body, start, body.length);
        if (element == null || element.end() != end) {
            throw new IllegalStateException("the entry at [" + start + ", " + end + ") no longer reads as scanned");
        }
        return element.entry();
    }

    /**
     * Reads in full the array element that starts at {@code body[start]}, alone, in a body that ends at
     * {@code limit}: the entry and the index just past its closing brace. Null when that element is not an entry a
     * scan would keep (not an object, a per-entry problem, JSON the parser refuses): the caller then scans the whole
     * body, which says why. Used on the per-poll path to read only the elements whose bytes differ from the last
     * body's.
     */
    public Element readElement(byte[] body, int start, int limit) {
        if (start >= limit || body[start] != '{') {
            return null;
        }
        try (JsonParser parser = elementFactory.createParser(body, start, limit - start)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            EntryReader reader = new EntryReader(mapper, true);
            if (!reader.read(parser)) {
                return null;
            }
            long end = parser.currentTokenLocation().getByteOffset();
            return end < 0 ? null : new Element(reader.entry(), start + (int) end + 1);
        } catch (IOException | RuntimeException e) {
            return null; // the scan that follows reads the whole body and says what is wrong with it
        }
    }

    /** An element read alone: its entry, and where the element ends (exclusive). */
    public record Element(IngestEntry entry, int end) {}

    /** Receives each kept entry from its reader, with the entry's byte range when scanning. */
    private interface Sink {
        void accept(EntryReader reader, int start, int end);
    }

    /**
     * The skipped entries by reason; null if a scan cannot address the body by bytes (not UTF-8).
     *
     * <p>Jackson reads the array in one pass. When it refuses an element (nested too deep, a raw control character,
     * a malformed token, …), that element alone is skipped: {@link ElementFramer} finds where it ends, and reading
     * resumes after it, in a copy of the body where the comma that follows it becomes the '[' of a new array (same
     * length, so byte offsets hold). Only an element whose grammar is broken, which no one can delimit, makes the
     * whole body malformed. A body indented with U+00A0 is first handed back for normalising when
     * {@code mayNormalise}, as before any skipping.
     */
    private Map<SkipReason, Integer> parseStrict(byte[] body, EntryReader reader, Sink sink, boolean mayNormalise)
            throws MalformedResponseException {
        if (body.length == 0) {
            throw new MalformedResponseException("empty body (expected a JSON array)");
        }
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        byte[] input = body;
        int base = 0;
        while (true) {
            Segment segment = new Segment(base);
            readArray(input, segment, reader, sink, skipped);
            if (segment.error == null) {
                return segment.addressable || reader.full ? skipped : null;
            }
            if (!segment.addressable || (mayNormalise && NonBreakingSpaces.normalise(body) != null)) {
                throw invalid(segment.error, body);
            }
            ElementFramer.Frame frame = ElementFramer.element(input, base, segment.done);
            if (frame == null || segment.errorAt < frame.start()) {
                throw invalid(segment.error, body);
            }
            int next = ElementFramer.skipWhitespace(input, frame.end());
            // Jackson may stand one byte past the element's end when it refuses a token (it reads the delimiter).
            if (next >= input.length || segment.errorAt > next + 1) {
                throw invalid(segment.error, body);
            }
            if (input == body) {
                input = body.clone();
            }
            if (input[next] == ',') {
                input[next] = '[';
                base = next;
            } else if (input[next] == ']') {
                // The element's last byte opens an empty array, closed by the body's own ']'.
                input[frame.end() - 1] = '[';
                base = frame.end() - 1;
            } else {
                throw invalid(segment.error, body);
            }
            skipped.merge(refusedReason(frame, segment.error), 1, Integer::sum);
        }
    }

    /** Why Jackson refused an element, from what the element holds. */
    private static SkipReason refusedReason(ElementFramer.Frame frame, JsonProcessingException error) {
        if (1 + frame.depth() > MAX_NESTING) {
            return SkipReason.NESTED_TOO_DEEP;
        }
        if (frame.controlCharacter()) {
            return SkipReason.CONTROL_CHARACTER;
        }
        if (error instanceof StreamConstraintsException) {
            return SkipReason.FIELD_TOO_LONG;
        }
        return SkipReason.INVALID_JSON;
    }

    private static MalformedResponseException invalid(JsonProcessingException e, byte[] body) {
        return new MalformedResponseException(
                "invalid JSON: " + BodySnippet.sanitise(e.getOriginalMessage()) + " (starts with "
                        + BodySnippet.of(body) + ")",
                e);
    }

    /** One pass of Jackson over the array that opens at {@code base}, and where it stopped. */
    private static final class Segment {
        final int base;
        boolean addressable = true;
        /** Elements read (kept or skipped) before the refused one. */
        int done;
        /** Why Jackson refused element {@code done}; null when the array was read to its end. */
        JsonProcessingException error;
        /** Where in the body Jackson stood when it refused it. */
        long errorAt;

        Segment(int base) {
            this.base = base;
        }
    }

    private void readArray(
            byte[] input, Segment segment, EntryReader reader, Sink sink, Map<SkipReason, Integer> skipped)
            throws MalformedResponseException {
        int base = segment.base;
        try (JsonParser parser = factory.createParser(input, base, input.length - base)) {
            boolean inArray = false;
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw new MalformedResponseException("blank body (expected a JSON array)");
                }
                if (first != JsonToken.START_ARRAY) {
                    throw new MalformedResponseException("expected a JSON array but the body is " + describe(first)
                            + "; starts with " + BodySnippet.of(input));
                }
                segment.addressable = parser.currentTokenLocation().getByteOffset() >= 0;
                if (!reader.full && !segment.addressable) {
                    return;
                }
                inArray = true;
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null) {
                        throw new MalformedResponseException("truncated body: the JSON array is not closed");
                    }
                    if (token != JsonToken.START_OBJECT) {
                        if (token == JsonToken.VALUE_STRING) {
                            // Jackson checks a string's content only once it is read: read it while it is current.
                            parser.finishToken();
                        }
                        parser.skipChildren();
                        skipped.merge(SkipReason.NOT_AN_OBJECT, 1, Integer::sum);
                        segment.done++;
                        continue;
                    }
                    // Byte offsets only matter to a scan; a full parse does not pay for the location objects.
                    int start = reader.full
                            ? 0
                            : base + (int) parser.currentTokenLocation().getByteOffset();
                    if (reader.read(parser)) {
                        // The object ends with the '}' just read, one byte.
                        int end = reader.full
                                ? 0
                                : base + (int) parser.currentTokenLocation().getByteOffset() + 1;
                        sink.accept(reader, start, end);
                    } else {
                        skipped.merge(reader.skipReason, 1, Integer::sum);
                    }
                    segment.done++;
                }
                inArray = false;
                if (parser.nextToken() != null) {
                    throw new MalformedResponseException("unexpected content after the JSON array");
                }
            } catch (JsonProcessingException e) {
                if (!inArray) {
                    throw invalid(e, input);
                }
                segment.error = e;
                segment.errorAt = base + parser.currentLocation().getByteOffset();
            }
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
}
