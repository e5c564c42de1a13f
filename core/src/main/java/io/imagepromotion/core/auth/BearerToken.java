package io.imagepromotion.core.auth;

import java.time.Instant;

/** A token from a registry's token service, the scopes it was requested for, and when it stops being usable. */
public record BearerToken(String token, TokenScopes scopes, Instant expiresAt) {
    /** Usable for {@code needed} for at least a few more seconds (a request may take that long to reach the registry). */
    public boolean usableFor(TokenScopes needed, Instant now) {
        return scopes.covers(needed) && expiresAt.isAfter(now.plusSeconds(5));
    }

    @Override
    public String toString() {
        return "bearer token for " + scopes + " (hidden)";
    }
}
