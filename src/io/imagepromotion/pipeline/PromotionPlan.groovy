package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * What a promotion will do, read from {@code promoteImage(..., dryRun: true)}: the target's current digest, the
 * digest it will point at, and how many bytes must be copied.
 *
 * The approver sees {@link #describe()}; the real promotion then passes {@link #expectation()} to
 * {@code promoteImage}, so it only succeeds if the target still is what the approver saw.
 *
 * <p>Pure logic: every method is {@code @NonCPS} (no step calls); see {@link StepArguments}.
 */
class PromotionPlan implements Serializable {
    private static final long serialVersionUID = 1L

    final String environment
    /** The image as the Jenkinsfile named it (a tag or a pinned reference). */
    final String image
    /** The pinned source, {@code host/repo@sha256:…}. */
    final String source
    final String digest
    final String target
    /** The target's digest when planned; null when the target did not exist. */
    final String currentDigest
    /** Bytes the promotion would copy (blobs the target repository lacks and cannot mount). */
    final long bytesToCopy
    /** Which gate check let the promotion through, or null when the environment has no predecessor. */
    final String gate
    private final Map dryRun

    private PromotionPlan(String environment, String image, String source, String digest, String target,
                          String currentDigest, long bytesToCopy, String gate, Map dryRun) {
        this.environment = environment
        this.image = image
        this.source = source
        this.digest = digest
        this.target = target
        this.currentDigest = currentDigest
        this.bytesToCopy = bytesToCopy
        this.gate = gate
        this.dryRun = dryRun
    }

    /**
     * Reads a dry-run result. Refuses results that break the plugin's contract: a plan that was not a dry run, a
     * plan for another digest or target, or a target count other than one.
     */
    @NonCPS
    static PromotionPlan fromDryRun(Object result, PromoteToRequest request, String source, String digest, String gate) {
        String what = "promoteTo ${request.environment}: promoteImage dry run"
        if (!(result instanceof Map)) {
            throw new PromotionArgumentException("${what} returned ${StepArguments.describe(result)}, not a Map.")
        }
        Map plan = (Map) result
        if (plan.get('dryRun') != Boolean.TRUE) {
            throw new PromotionArgumentException("${what} did not report dryRun: true; refusing to continue.")
        }
        if (plan.get('digest') != digest) {
            throw new PromotionArgumentException(
                    "${what} planned digest ${plan.get('digest')}, but the pinned image is ${digest}.")
        }
        Object targets = plan.get('targets')
        if (!(targets instanceof List) || ((List) targets).size() != 1 || !(((List) targets).get(0) instanceof Map)) {
            throw new PromotionArgumentException("${what} must report exactly one target, got ${StepArguments.describe(targets)}.")
        }
        Map planned = (Map) ((List) targets).get(0)
        Object previous = planned.get('previousDigest')
        if (previous != null && !ImageReference.isDigest(previous)) {
            throw new PromotionArgumentException(
                    "${what} reported previousDigest ${StepArguments.describe(previous)}; expected sha256:<64 hex> or null.")
        }
        Object bytes = plan.get('bytesCopied')
        if (!(bytes instanceof Number) || bytes < 0) {
            throw new PromotionArgumentException(
                    "${what} reported bytesCopied ${StepArguments.describe(bytes)}; expected a number of bytes.")
        }
        return new PromotionPlan(request.environment, request.image.reference, source, digest, request.target,
                previous == null ? null : previous.toString(), ((Number) bytes).longValue(), gate,
                new LinkedHashMap(plan))
    }

    /** The dry run's result as the plugin returned it (a copy). */
    @NonCPS
    Map dryRunResult() {
        return new LinkedHashMap(dryRun)
    }

    /** True when the target already points at the digest, so there is nothing to approve or promote. */
    @NonCPS
    boolean isAlreadyPromoted() {
        return digest == currentDigest
    }

    /** The {@code promoteImage} arguments that make the promotion fail if the target moved after this plan. */
    @NonCPS
    Map expectation() {
        if (currentDigest == null) {
            return [expectAbsent: true]
        }
        return [expectCurrent: currentDigest]
    }

    @NonCPS
    String currentDescription() {
        return currentDigest == null ? 'absent (the tag does not exist yet)' : currentDigest
    }

    /** The plan as the approver and the build log see it. */
    @NonCPS
    String describe() {
        List<String> lines = []
        lines.add("Promote to ${environment}".toString())
        lines.add("  image:   ${image}".toString())
        if (image != source) {
            lines.add("  pinned:  ${source}".toString())
        }
        lines.add("  digest:  ${digest}".toString())
        lines.add("  target:  ${target}".toString())
        lines.add("  change:  ${currentDigest == null ? 'absent' : currentDigest} -> ${digest}".toString())
        lines.add("  to copy: ${formatBytes(bytesToCopy)}".toString())
        if (gate != null) {
            lines.add("  gate:    ${gate}".toString())
        }
        return lines.join('\n')
    }

    /**
     * Explains a failed promotion. {@code digestNow} is the target's digest read after the failure (null if
     * unknown): when it differs from the plan, the target moved after approval and the plugin refused to overwrite.
     */
    @NonCPS
    String explainFailure(String digestNow) {
        if (digestNow != null && digestNow != currentDigest && digestNow != digest) {
            return "${target} moved after the approved plan: it was ${currentDescription()} when approved " +
                    "and is ${digestNow} now. ${digest} was not promoted; run the promotion again to plan and approve the new state."
        }
        return "The approved plan expected ${target} to be ${currentDescription()}."
    }

    /** The text the approver reads: the plan, then where the approvals stand. */
    @NonCPS
    String approvalMessage(ApprovalTally tally) {
        String message = describe() + "\nApprovals: ${tally.approvers().size()} of ${tally.required}"
        if (!tally.approvers().isEmpty()) {
            message += " (so far: ${tally.approvers().join(', ')})"
        }
        message += '.'
        if (!tally.forbidden().isEmpty()) {
            message += "\nStarted this run, so may not approve: ${tally.forbidden().join(', ')}."
        }
        return message
    }

    /** Exact bytes, plus a binary-unit figure when that is easier to read. */
    @NonCPS
    static String formatBytes(long bytes) {
        if (bytes < 1024L) {
            return "${bytes} bytes".toString()
        }
        String[] units = ['KiB', 'MiB', 'GiB', 'TiB'] as String[]
        double value = bytes
        int unit = -1
        while (value >= 1024d && unit < units.length - 1) {
            value = value / 1024d
            unit++
        }
        return String.format(Locale.ROOT, '%.1f %s (%d bytes)', value, units[unit], bytes)
    }
}
