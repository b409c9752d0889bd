package io.github.okastconnect.streams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One place for the Jackson settings shared by the parser, the serdes and the tracker's HTTP API. */
public final class JsonMappers {

    private JsonMappers() {}

    public static ObjectMapper create() {
        // Lenient on input so newer connector versions with extra fields keep working.
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
