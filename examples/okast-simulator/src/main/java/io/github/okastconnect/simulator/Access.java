package io.github.okastconnect.simulator;

/** Whether a request's Authorization header lets it into an instance and, if not, which 401 it gets. */
enum Access {
    GRANTED,
    /** Basic credentials missing or wrong. */
    BASIC_REFUSED,
    /** No bearer token at all (or another scheme): RFC 6750 wants a challenge without an error code. */
    TOKEN_MISSING,
    /** A bearer token this simulator never issued. */
    TOKEN_UNKNOWN,
    TOKEN_EXPIRED,
    TOKEN_REVOKED
}
