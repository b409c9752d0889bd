package io.github.okastconnect.simulator;

import java.time.Instant;

/**
 * A token the simulator's token endpoint issued, described without its value: tests compare who got what and
 * until when, and the value never leaves the endpoint except in the answer to the client that asked.
 *
 * @param clientId  the authenticated client
 * @param scope     the scope parameter as requested (space-separated), or null when absent
 * @param audience  the audience parameter as requested, or null when absent
 * @param issuedAt  the simulator's clock when issued
 * @param expiresAt issuedAt plus the lifetime in force then
 */
public record TokenGrant(String clientId, String scope, String audience, Instant issuedAt, Instant expiresAt) {}
