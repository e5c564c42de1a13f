package io.imagepromotion.core.board;

import io.imagepromotion.core.digest.Digest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Environments side by side, in the order given (dev, staging, prod): what each runs, since when, and whether its
 * tag still agrees with the ledger. Built by {@link BoardReader}, rendered by {@link BoardHtml} and {@link BoardJson}.
 *
 * @param readAt  when the registries were read; durations are measured to it
 * @param digests every digest some lane holds now, in order of the first lane holding it
 */
public record Board(Instant readAt, List<Lane> lanes, List<DigestPlacement> digests) {
    public Board {
        lanes = List.copyOf(lanes);
        digests = List.copyOf(digests);
    }

    public Optional<DigestPlacement> placement(Digest digest) {
        return digests.stream().filter(p -> p.digest().equals(digest)).findFirst();
    }
}
