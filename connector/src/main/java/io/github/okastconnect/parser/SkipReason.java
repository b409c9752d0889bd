package io.github.okastconnect.parser;

/** Why one entry of an otherwise valid response was left out. The rest of the response is still used. */
public enum SkipReason {
    /** The array element is not a JSON object. */
    NOT_AN_OBJECT,
    /** A field that must be a scalar (requestTime, status, …) or the request object had another JSON type. */
    WRONG_TYPE,
    /** A string longer than the per-field cap. */
    FIELD_TOO_LONG,
    /** The same field appears twice in the entry, so which one the endpoint meant is unknowable. */
    DUPLICATE_FIELD,
    /** The element nests arrays or objects deeper than the parser's limit. */
    NESTED_TOO_DEEP,
    /** The element holds a raw (unescaped) control character, which JSON does not allow. */
    CONTROL_CHARACTER,
    /** Any other JSON the parser refuses in the element: a malformed number or literal, a bad escape or encoding. */
    INVALID_JSON
}
