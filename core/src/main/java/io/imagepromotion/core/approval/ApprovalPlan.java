package io.imagepromotion.core.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The plan a gate approves: environment, pinned source image, its digest and each target's current digest.
 * {@link #planHash()} is a SHA-256 over those fields, targets sorted, so a stored plan that was changed is detected.
 */
public record ApprovalPlan(String environment, String image, String digest, List<PlannedTarget> targets) {
    public ApprovalPlan {
        targets = List.copyOf(targets);
    }

    public String planHash() {
        List<PlannedTarget> sorted = new ArrayList<>(targets);
        sorted.sort(Comparator.comparing(PlannedTarget::target));
        StringBuilder b = new StringBuilder(environment + "|" + image + "|" + digest);
        sorted.forEach(t -> b.append('|').append(t.target()).append('=').append(t.currentDigest()));
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean alreadyPromoted() {
        return targets.stream().allMatch(t -> digest.equals(t.currentDigest()));
    }
}
