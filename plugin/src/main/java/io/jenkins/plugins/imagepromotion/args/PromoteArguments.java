package io.jenkins.plugins.imagepromotion.args;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.promote.PromotionRequest;
import io.imagepromotion.core.ref.ImageReference;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated arguments of {@code promoteImage}, without credentials. Built on the controller (so mistakes fail
 * before anything is sent to an agent) and sent to the agent as plain strings, where {@link #toRequest()} builds
 * the engine's request again.
 */
public final class PromoteArguments implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String image;
    private final ArrayList<String> targets;
    private final String expectCurrent;
    private final boolean expectAbsent;
    private final boolean dryRun;
    private final String environment;
    private final String approvedBy;
    /** The gate id of {@code approval:}, or null. */
    private final String approval;
    /** With {@code approval}: what each target held when the plan was approved (null value: absent). */
    private final LinkedHashMap<String, String> approvedCurrent;

    private PromoteArguments(String image, List<String> targets, String expectCurrent, boolean expectAbsent,
                             boolean dryRun, String environment, String approvedBy) {
        this(image, targets, expectCurrent, expectAbsent, dryRun, environment, approvedBy, null, Map.of());
    }

    private PromoteArguments(String image, List<String> targets, String expectCurrent, boolean expectAbsent,
                             boolean dryRun, String environment, String approvedBy, String approval,
                             Map<String, String> approvedCurrent) {
        this.approval = approval;
        this.approvedCurrent = new LinkedHashMap<>(approvedCurrent);
        this.image = image;
        this.targets = new ArrayList<>(targets);
        this.expectCurrent = expectCurrent;
        this.expectAbsent = expectAbsent;
        this.dryRun = dryRun;
        this.environment = environment;
        this.approvedBy = approvedBy;
    }

    /**
     * @param target  a single target, or null
     * @param targets several targets, or null; exactly one of {@code target} and {@code targets} is given
     * @throws InvalidInputException naming the argument that is wrong
     */
    public static PromoteArguments of(String image, String target, List<String> targets, String expectCurrent,
                                      boolean expectAbsent, boolean dryRun, String environment, String approvedBy) {
        String single = TextInput.optional(target);
        boolean hasList = targets != null && !targets.isEmpty();
        if (single != null && hasList) {
            throw new InvalidInputException("give either target or targets, not both");
        }
        if (single == null && !hasList) {
            throw new InvalidInputException(targets != null
                    ? "targets is empty: name at least one target, e.g. targets: ['registry.example.com/myapp:staging']"
                    : "no target: give target: 'registry.example.com/myapp:staging' or targets: [...]");
        }
        List<String> all = new ArrayList<>();
        if (single != null) {
            all.add(single);
        } else {
            for (String t : targets) {
                if (t == null || t.isBlank()) {
                    throw new InvalidInputException("targets contains an empty entry");
                }
                all.add(t.strip());
            }
        }
        PromoteArguments args = new PromoteArguments(image == null ? null : image.strip(), all,
                TextInput.optional(expectCurrent), expectAbsent, dryRun,
                TextInput.optionalLine("environment", environment), TextInput.optionalLine("approvedBy", approvedBy));
        args.toRequest();
        return args;
    }

    /**
     * These arguments under an approval gate: the write is a compare-and-set against {@code approvedCurrent} (each
     * target's digest when the plan was approved, null for absent), and {@code environment} is the gate's.
     *
     * @throws InvalidInputException when the pipeline also gave expectCurrent or expectAbsent
     */
    public PromoteArguments approved(String gateId, String gateEnvironment, Map<String, String> approvedCurrent) {
        if (expectCurrent != null || expectAbsent) {
            throw new InvalidInputException("approval: compares every target with the digest it held when the plan was"
                    + " approved; drop expectCurrent/expectAbsent");
        }
        PromoteArguments args = new PromoteArguments(image, targets, null, false, dryRun, gateEnvironment, approvedBy,
                gateId, approvedCurrent);
        args.toRequest();
        return args;
    }

    /** The engine's request; every reference and precondition validated. */
    public PromotionRequest toRequest() {
        ImageReference source = source();
        PromotionRequest.Builder builder = PromotionRequest.builder(source);
        for (ImageReference target : targetReferences()) {
            builder.target(target);
            if (approval != null) {
                String current = approvedCurrent.get(target.toString());
                builder.expectCurrent(target, current == null ? null : Digest.parse(current));
            }
        }
        if (expectCurrent != null) {
            try {
                builder.expectCurrent(Digest.parse(expectCurrent));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("expectCurrent: " + e.getMessage(), e);
            }
        }
        return builder.expectAbsent(expectAbsent).dryRun(dryRun).build();
    }

    public ImageReference source() {
        return ReferenceInput.parseExplicit("image", image);
    }

    public List<ImageReference> targetReferences() {
        List<ImageReference> refs = new ArrayList<>();
        for (String t : targets) {
            refs.add(ReferenceInput.parseExplicit("target", t));
        }
        return refs;
    }

    /** Registries of the targets, each once, in order. */
    public List<String> targetRegistries() {
        Set<String> registries = new LinkedHashSet<>();
        targetReferences().forEach(t -> registries.add(t.registry()));
        return List.copyOf(registries);
    }

    public String image() {
        return image;
    }

    public List<String> targets() {
        return Collections.unmodifiableList(targets);
    }

    public String expectCurrent() {
        return expectCurrent;
    }

    public boolean expectAbsent() {
        return expectAbsent;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Environment name for the record, or {@code null}. */
    public String environment() {
        return environment;
    }

    /** The approval gate's id, or {@code null}. */
    public String approval() {
        return approval;
    }

    /** Approver for the record, or {@code null}. */
    public String approvedBy() {
        return approvedBy;
    }
}
