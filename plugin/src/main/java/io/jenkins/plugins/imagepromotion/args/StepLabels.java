package io.jenkins.plugins.imagepromotion.args;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;
import io.jenkins.plugins.imagepromotion.model.PromotionLabel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The step labels Pipeline Graph View and Blue Ocean show ({@code StepDescriptor.argumentsToString}): short, built
 * only from the image and target arguments, so no credential id, engine address or other argument can appear.
 * Arguments the views could not store are already removed by the caller; values that do not parse are shown
 * shortened as typed.
 */
public final class StepLabels {
    static final int MAX_RAW_LENGTH = 60;

    private StepLabels() {
    }

    /** {@code myapp@sha256:abcd1234ef56 → staging}, or null without an image argument. */
    public static String promote(Map<String, Object> namedArgs) {
        Object image = namedArgs.get("image");
        if (!(image instanceof CharSequence)) {
            return null;
        }
        List<String> targets = new ArrayList<>();
        Object single = namedArgs.get("target");
        if (single instanceof CharSequence) {
            targets.add(single.toString());
        }
        Object many = namedArgs.get("targets");
        if (many instanceof Collection<?> list) {
            list.stream().filter(CharSequence.class::isInstance).forEach(t -> targets.add(t.toString()));
        }
        boolean dryRun = Boolean.TRUE.equals(namedArgs.get("dryRun"));
        ImageReference source = tryParse(image.toString());
        List<ImageReference> targetRefs = new ArrayList<>();
        for (String t : targets) {
            ImageReference ref = tryParse(t);
            if (ref == null) {
                targetRefs = null;
                break;
            }
            targetRefs.add(ref);
        }
        if (source != null && targetRefs != null && !targetRefs.isEmpty()) {
            return PromotionLabel.of(source, targetRefs, dryRun);
        }
        String from = source != null ? source.shortLabel() : shorten(image.toString());
        String to = targets.isEmpty() ? "?" : String.join(", ", targets.stream().map(StepLabels::shortenTarget).toList());
        return from + " \u2192 " + to + (dryRun ? " (dry run)" : "");
    }

    /** {@code myapp:1.2}, or null without an image argument. */
    public static String resolve(Map<String, Object> namedArgs) {
        Object image = namedArgs.get("image");
        if (!(image instanceof CharSequence)) {
            return null;
        }
        ImageReference ref = tryParse(image.toString());
        return ref != null ? ref.shortLabel() : shorten(image.toString());
    }

    /**
     * {@code myapp:local → app:1f2e3d4}: the local image as typed, then the target's short label; or null without an
     * image argument. The credentials id and the engine address never appear.
     */
    public static String publish(Map<String, Object> namedArgs) {
        Object image = namedArgs.get("image");
        if (!(image instanceof CharSequence)) {
            return null;
        }
        Object target = namedArgs.get("target");
        String to = target instanceof CharSequence ? shortenTarget(target.toString()) : "?";
        return shorten(image.toString()) + " \u2192 " + to;
    }

    private static String shortenTarget(String target) {
        ImageReference ref = tryParse(target);
        return ref != null ? ref.shortLabel() : shorten(target);
    }

    private static ImageReference tryParse(String text) {
        try {
            return ImageReference.parse(text.strip());
        } catch (InvalidInputException | IllegalArgumentException e) {
            return null;
        }
    }

    static String shorten(String raw) {
        String oneLine = raw.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_RAW_LENGTH ? oneLine : oneLine.substring(0, MAX_RAW_LENGTH - 1) + "\u2026";
    }
}
