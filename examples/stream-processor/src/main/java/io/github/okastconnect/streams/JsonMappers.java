package io.github.okastconnect.streams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One place for the Jackson settings shared by the parser and the serdes. */
final class JsonMappers {

    private JsonMappers() {}

    static ObjectMapper create() {
        // Lenient on input so newer connector versions with extra fields keep working.
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
