package io.jenkins.plugins.imagepromotion.view;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The result of one live drift check, kept in memory for the job until the next one (or a restart), so the page the
 * POST redirects to shows it. Digests and the time only.
 */
public record LiveCheck(Instant checkedAt, Map<ImageReference, Optional<Digest>> heads, String error) {
    public LiveCheck {
        heads = Map.copyOf(heads);
    }
}
