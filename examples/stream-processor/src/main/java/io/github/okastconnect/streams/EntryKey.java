package io.github.okastconnect.streams;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Identity of one queue entry, mirroring the connector's record key.
 *
 * <p>Also used (JSON-encoded) as the key of the entries store, so its component order must stay
 * stable: changing it would orphan existing store and changelog keys.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntryKey(String instance, String filePath, String requestTime, Integer occurrence) {}
