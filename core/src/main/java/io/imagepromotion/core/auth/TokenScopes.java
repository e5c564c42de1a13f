package io.imagepromotion.core.auth;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A set of token scopes ({@code repository:team/app:pull,push}) merged per resource, so that
 * {@code repository:a:pull} plus {@code repository:a:push} is the one scope {@code repository:a:pull,push}: one token
 * request asks for each resource once.
 */
public final class TokenScopes {
    private final Map<String, Set<String>> actionsByResource;

    private TokenScopes(Map<String, Set<String>> actionsByResource) {
        this.actionsByResource = actionsByResource;
    }

    public static TokenScopes of(Collection<String> scopes) {
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        for (String scope : scopes) {
            add(merged, scope);
        }
        return new TokenScopes(freeze(merged));
    }

    public static String pull(String repository) {
        return "repository:" + repository + ":pull";
    }

    public static String pushPull(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    public TokenScopes union(TokenScopes other) {
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        actionsByResource.forEach((k, v) -> merged.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
        other.actionsByResource.forEach((k, v) -> merged.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
        return new TokenScopes(freeze(merged));
    }

    /** Whether every action of {@code other} is in this set. */
    public boolean covers(TokenScopes other) {
        for (Map.Entry<String, Set<String>> e : other.actionsByResource.entrySet()) {
            Set<String> mine = actionsByResource.get(e.getKey());
            if (mine == null || !(mine.containsAll(e.getValue()) || mine.contains("*"))) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return actionsByResource.isEmpty();
    }

    /** One string per resource, as the {@code scope} query parameters of a token request. */
    public List<String> asScopeParameters() {
        return actionsByResource.entrySet().stream()
                .map(e -> e.getKey() + ":" + String.join(",", e.getValue()))
                .toList();
    }

    private static void add(Map<String, Set<String>> merged, String scope) {
        // resource type and name may themselves contain ':' (registry:catalog:*, names with ports are not allowed)
        int last = scope.lastIndexOf(':');
        if (last <= 0) {
            return;
        }
        String resource = scope.substring(0, last);
        Set<String> actions = merged.computeIfAbsent(resource, k -> new TreeSet<>());
        for (String action : scope.substring(last + 1).split(",")) {
            if (!action.isBlank()) {
                actions.add(action.trim());
            }
        }
    }

    private static Map<String, Set<String>> freeze(Map<String, Set<String>> merged) {
        return Collections.unmodifiableMap(merged.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> Collections.unmodifiableSet(new TreeSet<>(e.getValue())),
                (a, b) -> a, LinkedHashMap::new)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenScopes t && t.actionsByResource.equals(actionsByResource);
    }

    @Override
    public int hashCode() {
        return actionsByResource.hashCode();
    }

    @Override
    public String toString() {
        return String.join(" ", asScopeParameters());
    }
}
