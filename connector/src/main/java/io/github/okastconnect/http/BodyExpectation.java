package io.github.okastconnect.http;

/**
 * What the caller expects of the next body, which decides how it is read. Fingerprinting a body costs about as much
 * as receiving it (it hashes every byte): worth it only when the body is likely to be the same as the last one, so
 * that the next answers can be recognised as identical without being processed.
 */
public enum BodyExpectation {
    /**
     * The body probably changed (the last one did): read it whole without fingerprinting it, since the caller compares
     * its elements with the last body's anyway. The result's {@link FetchResult.Success#fingerprint()} is null.
     */
    CHANGED,
    /** The body may well be the same: read it whole and fingerprint it; identical to the last body, it is a SameBody. */
    SAME,
    /**
     * The body is probably the same (the last one was): compare it with the last body block by block as it arrives,
     * without storing it, at the price of a second GET in the rare case that it differs only after its first block.
     * Without a last body's fingerprint, as {@link #SAME}.
     */
    SAME_COMPARED_ON_ARRIVAL
}
