package io.jenkins.plugins.imagepromotion.model;

import io.imagepromotion.core.ref.ImageReference;
import java.util.List;

/**
 * The short text that names a promotion in Pipeline views, badges and lists: {@code myapp@sha256:abcd1234ef56 →
 * staging}. Targets in the source's repository show as their tag only; at most three targets are named.
 */
public final class PromotionLabel {
    static final int MAX_TARGETS_NAMED = 3;

    private PromotionLabel() {
    }

    public static String of(ImageReference source, List<ImageReference> targets, boolean dryRun) {
        StringBuilder out = new StringBuilder(source.shortLabel()).append(" \u2192 ");
        for (int i = 0; i < targets.size() && i < MAX_TARGETS_NAMED; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(target(source, targets.get(i)));
        }
        if (targets.size() > MAX_TARGETS_NAMED) {
            out.append(" +").append(targets.size() - MAX_TARGETS_NAMED).append(" more");
        }
        if (dryRun) {
            out.append(" (dry run)");
        }
        return out.toString();
    }

    /** The tag alone when the target is in the source's repository, else the target's short label. */
    public static String target(ImageReference source, ImageReference target) {
        if (target.sameRepository(source) && target.tag() != null) {
            return target.tag();
        }
        return target.shortLabel();
    }
}
