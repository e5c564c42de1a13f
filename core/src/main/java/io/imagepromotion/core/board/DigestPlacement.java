package io.imagepromotion.core.board;

import io.imagepromotion.core.digest.Digest;

import java.util.List;

/**
 * Where one digest runs now.
 *
 * @param lanes      indexes of the lanes whose tag holds it, in lane order
 * @param waitingFor the index of the lane after the last one holding it, {@code -1} when the last lane holds it:
 *                   the digest is "waiting" to be promoted there
 */
public record DigestPlacement(Digest digest, List<Integer> lanes, int waitingFor) {
    public DigestPlacement {
        lanes = List.copyOf(lanes);
    }

    public boolean waiting() {
        return waitingFor >= 0;
    }
}
