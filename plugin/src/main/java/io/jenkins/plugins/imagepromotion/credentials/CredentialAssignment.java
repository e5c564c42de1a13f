package io.jenkins.plugins.imagepromotion.credentials;

import io.imagepromotion.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which Jenkins credentials id each registry of a step uses. The engine holds one credential per
 * registry, so the rules are per registry:
 * <ol>
 * <li>the source's registry takes the step's {@code credentialsId}; every other target registry takes
 * {@code targetCredentialsId}; a target on the source's registry shares the source's credential;</li>
 * <li>a registry that would get two different explicit ids is an error, not a silent choice;</li>
 * <li>a registry without an explicit id takes the default id from the global configuration, if any;</li>
 * <li>otherwise the registry is accessed anonymously.</li>
 * </ol>
 */
public final class CredentialAssignment {
    private CredentialAssignment() {
    }

    /** Where an assigned id came from, for messages. */
    public enum Origin {
        STEP_CREDENTIALS_ID("the step's credentialsId"),
        STEP_TARGET_CREDENTIALS_ID("the step's targetCredentialsId"),
        GLOBAL_DEFAULT("the global Image Promotion configuration");

        private final String description;

        Origin(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** One registry's credentials id and where it came from. */
    public record Assignment(String registry, String credentialsId, Origin origin) {
        /** E.g. {@code credentials 'reg' for registry.example.com (from the step's credentialsId)}. */
        public String describe() {
            return "credentials '" + credentialsId + "' for " + registry + " (from " + origin.description() + ")";
        }
    }

    /**
     * @param sourceRegistry      registry of the source image, as in references ({@code host[:port]}, {@code docker.io})
     * @param targetRegistries    registries of the targets (may repeat, may include the source's)
     * @param credentialsId       the step's credentialsId, or null
     * @param targetCredentialsId the step's targetCredentialsId, or null
     * @param defaults            default credentials id per registry from the global configuration
     * @return assignments in the order the registries first appear; registries left anonymous are absent
     */
    public static List<Assignment> assign(String sourceRegistry, Collection<String> targetRegistries, String credentialsId,
                                          String targetCredentialsId, Function<String, Optional<String>> defaults) {
        String sourceId = blankToNull(credentialsId);
        String targetId = blankToNull(targetCredentialsId);
        Set<String> registries = new LinkedHashSet<>();
        registries.add(sourceRegistry);
        registries.addAll(targetRegistries);
        boolean targetOnSource = targetRegistries.contains(sourceRegistry);
        boolean targetElsewhere = targetRegistries.stream().anyMatch(r -> !r.equals(sourceRegistry));
        if (targetId != null && !targetElsewhere && !targetOnSource) {
            throw new InvalidInputException("targetCredentialsId '" + targetId + "' is given but there is no target");
        }

        Map<String, Assignment> explicit = new LinkedHashMap<>();
        if (sourceId != null) {
            explicit.put(sourceRegistry, new Assignment(sourceRegistry, sourceId, Origin.STEP_CREDENTIALS_ID));
        }
        if (targetId != null) {
            for (String registry : targetRegistries) {
                Assignment existing = explicit.get(registry);
                if (existing == null) {
                    explicit.put(registry, new Assignment(registry, targetId, Origin.STEP_TARGET_CREDENTIALS_ID));
                } else if (!existing.credentialsId().equals(targetId)) {
                    throw new InvalidInputException("source and target are both on " + registry + ", but credentialsId '"
                            + sourceId + "' and targetCredentialsId '" + targetId + "' differ; one registry uses one"
                            + " credential: give credentialsId only");
                }
            }
        }

        List<Assignment> result = new ArrayList<>();
        for (String registry : registries) {
            Assignment chosen = explicit.get(registry);
            if (chosen == null) {
                chosen = defaults.apply(registry).map(id -> new Assignment(registry, id, Origin.GLOBAL_DEFAULT)).orElse(null);
            }
            if (chosen != null) {
                result.add(chosen);
            }
        }
        return List.copyOf(result);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
