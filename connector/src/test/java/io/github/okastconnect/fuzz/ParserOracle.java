package io.github.okastconnect.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.okastconnect.parser.IngestEntry;
import io.github.okastconnect.parser.IngestStatusParser;
import io.github.okastconnect.parser.SkipReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link IngestStatusParser} must return for a generated body, computed from the generated model alone (the
 * documented contract), never from the parser's output:
 * <ul>
 *   <li>the body is always an array of elements, so it is never refused whole: each element is kept or skipped on
 *       its own, whatever the others hold;</li>
 *   <li>an element the JSON parser refuses is skipped for that, before anything else: nested deeper than the
 *       parser's cap (NESTED_TOO_DEEP); holding a raw control character (CONTROL_CHARACTER); a malformed token or a
 *       lone surrogate escape in a field name (INVALID_JSON, which Jackson refuses even in a skipped field);</li>
 *   <li>an array element that is not an object: NOT_AN_OBJECT;</li>
 *   <li>in an entry, the first problem in document order decides: a known field seen twice (DUPLICATE_FIELD, also
 *       for a name repeated inside {@code request}), a known scalar field or {@code request} of another JSON type
 *       (WRONG_TYPE), a kept string longer than {@link IngestStatusParser#MAX_FIELD_CHARS} (FIELD_TOO_LONG);</li>
 *   <li>unknown fields are ignored whatever they hold; null means absent.</li>
 * </ul>
 */
final class ParserOracle {
    /** The parser's nesting cap (private there; read once so the test follows it). */
    static final int MAX_NESTING = maxNesting();

    static final int MAX_FIELD_CHARS = IngestStatusParser.MAX_FIELD_CHARS;

    /**
     * While true, bodies with the shapes {@link ParserRegressionTest} reproduces are checked only for "parses or
     * throws MalformedResponseException". Set to false once IngestStatusParser skips those values whole: the
     * structured fuzzer then checks their exact counts too.
     */
    static final boolean STRUCTURED_VALUE_SKIP_BUG_OPEN = false;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ParserOracle() {}

    /**
     * @param knownBugShape the body holds a shape that {@link ParserRegressionTest} shows the parser mis-reads (a
     *                      duplicate known field whose second value is an array/object, or a {@code request} that
     *                      is an array); exact counts are then checked only by that test
     */
    record Expected(List<IngestEntry> entries, Map<SkipReason, Integer> skipped, int elements, boolean knownBugShape) {}

    static Expected expect(List<Json> elements) {
        List<IngestEntry> entries = new ArrayList<>();
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        boolean bug = false;
        for (Json element : elements) {
            // The array is one level: an element nesting MAX_NESTING levels makes the body one too many.
            if (1 + element.depth() > MAX_NESTING) {
                skipped.merge(SkipReason.NESTED_TOO_DEEP, 1, Integer::sum);
                continue;
            }
            if (element instanceof Json.Broken broken) {
                skipped.merge(broken.reason(), 1, Integer::sum);
                continue;
            }
            // Jackson refuses a lone surrogate escape (e.g. "\\ud800") in a field name, even in a skipped field. In
            // values they are kept.
            if (hasLoneSurrogateName(element)) {
                skipped.merge(SkipReason.INVALID_JSON, 1, Integer::sum);
                continue;
            }
            if (!(element instanceof Json.Obj entry)) {
                skipped.merge(SkipReason.NOT_AN_OBJECT, 1, Integer::sum);
                continue;
            }
            EntryOutcome outcome = entry(entry);
            bug |= outcome.knownBugShape;
            if (outcome.reason != null) {
                skipped.merge(outcome.reason, 1, Integer::sum);
            } else {
                entries.add(outcome.entry);
            }
        }
        return new Expected(entries, skipped, elements.size(), bug && STRUCTURED_VALUE_SKIP_BUG_OPEN);
    }

    private record EntryOutcome(IngestEntry entry, SkipReason reason, boolean knownBugShape) {}

    private static EntryOutcome entry(Json.Obj obj) {
        SkipReason reason = null;
        boolean bug = false;
        Map<String, String> scalars = new LinkedHashMap<>();
        boolean requestSeen = false;
        Map<String, String> request = null;
        for (Json.Field field : obj.fields()) {
            if (reason != null) {
                break;
            }
            String name = field.name();
            Json value = field.value();
            switch (name) {
                case "request" -> {
                    if (requestSeen) {
                        reason = SkipReason.DUPLICATE_FIELD;
                        bug = value.isContainer();
                    } else {
                        requestSeen = true;
                        if (value instanceof Json.Obj fields) {
                            request = new LinkedHashMap<>();
                            for (Json.Field f : fields.fields()) {
                                String text = f.value().isContainer() ? compact(f.value()) : scalar(f.value());
                                if (text != null && text.length() > MAX_FIELD_CHARS) {
                                    reason = SkipReason.FIELD_TOO_LONG;
                                } else if (request.containsKey(f.name())) {
                                    reason = SkipReason.DUPLICATE_FIELD;
                                } else {
                                    request.put(f.name(), text);
                                }
                                if (reason != null) {
                                    break;
                                }
                            }
                        } else if (!(value instanceof Json.Null)) {
                            reason = SkipReason.WRONG_TYPE;
                            bug = value instanceof Json.Arr;
                        }
                    }
                }
                case "requestTime", "lastStatusUpdate", "status", "statusError" -> {
                    if (scalars.containsKey(name)) {
                        reason = SkipReason.DUPLICATE_FIELD;
                        bug = value.isContainer();
                    } else if (value.isContainer()) {
                        reason = SkipReason.WRONG_TYPE;
                    } else {
                        String text = scalar(value);
                        if (text != null && text.length() > MAX_FIELD_CHARS) {
                            reason = SkipReason.FIELD_TOO_LONG;
                        }
                        scalars.put(name, text);
                    }
                }
                default -> {
                    // unknown fields are skipped whole
                }
            }
        }
        if (reason != null) {
            return new EntryOutcome(null, reason, bug);
        }
        return new EntryOutcome(
                new IngestEntry(
                        scalars.get("requestTime"),
                        scalars.get("lastStatusUpdate"),
                        scalars.get("status"),
                        scalars.get("statusError"),
                        request),
                null,
                false);
    }

    static boolean hasLoneSurrogateName(Json value) {
        if (value instanceof Json.Arr a) {
            return a.items().stream().anyMatch(ParserOracle::hasLoneSurrogateName);
        }
        if (value instanceof Json.Obj o) {
            for (Json.Field f : o.fields()) {
                if (hasLoneSurrogate(f.name()) || hasLoneSurrogateName(f.value())) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The raw text a scalar is kept as: strings decoded, numbers exactly as written, booleans as true/false. */
    static String scalar(Json value) {
        if (value instanceof Json.Str s) {
            return s.value();
        }
        if (value instanceof Json.Num n) {
            return n.text();
        }
        if (value instanceof Json.Bool b) {
            return Boolean.toString(b.value());
        }
        return null;
    }

    /** Documented form of a non-scalar request value: compact JSON, as Jackson's tree writes it. */
    static String compact(Json value) {
        try {
            return MAPPER.writeValueAsString(MAPPER.readTree(Json.bytes(value, Json.Style.COMPACT)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the expected compact form", e);
        }
    }

    private static int maxNesting() {
        try {
            var field = IngestStatusParser.class.getDeclaredField("MAX_NESTING");
            field.setAccessible(true);
            return field.getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("IngestStatusParser.MAX_NESTING not found; update the fuzz oracle", e);
        }
    }
}
