package io.jenkins.plugins.imagepromotion.config;

import io.imagepromotion.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry settings of the global configuration, looked up by the registry part of an image reference. An entry
 * with a port matches that host and port only; an entry without a port matches the host on any port, unless an entry
 * with the exact port exists.
 */
public final class RegistryDirectory {
    private final Map<String, RegistrySettings> byHost;

    private RegistryDirectory(Map<String, RegistrySettings> byHost) {
        this.byHost = byHost;
    }

    public static RegistryDirectory empty() {
        return new RegistryDirectory(Map.of());
    }

    /** @throws InvalidInputException when a host is listed twice */
    public static RegistryDirectory of(Collection<RegistrySettings> entries) {
        Map<String, RegistrySettings> byHost = new LinkedHashMap<>();
        for (RegistrySettings entry : entries) {
            if (byHost.putIfAbsent(entry.host(), entry) != null) {
                throw new InvalidInputException("registry " + entry.host()
                        + " is listed twice in the global Image Promotion configuration; keep one entry per host");
            }
        }
        return new RegistryDirectory(byHost);
    }

    /** @param registry registry as in references, e.g. {@code registry.example.com:5000} */
    public Optional<RegistrySettings> find(String registry) {
        RegistrySettings exact = byHost.get(registry);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (RegistrySettings entry : byHost.values()) {
            if (!entry.hasPort() && registry.startsWith(entry.host() + ":")) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    public Optional<String> defaultCredentialsId(String registry) {
        return find(registry).map(RegistrySettings::credentialsId);
    }

    /** The settings that apply to any of {@code registries}, each once. */
    public List<RegistrySettings> settingsFor(Collection<String> registries) {
        List<RegistrySettings> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String registry : registries) {
            find(registry).filter(s -> seen.add(s.host())).ifPresent(result::add);
        }
        return result;
    }
}
