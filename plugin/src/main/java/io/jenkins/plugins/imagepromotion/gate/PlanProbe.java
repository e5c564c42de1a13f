package io.jenkins.plugins.imagepromotion.gate;

import io.imagepromotion.core.approval.PlannedTarget;
import io.imagepromotion.core.auth.TokenScopes;
import io.imagepromotion.core.error.NotFoundException;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.registry.RegistryClient.ManifestHead;
import io.imagepromotion.core.transport.RegistryTransport;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan needs from the registries, with one manifest HEAD per reference and nothing else (no manifest body,
 * no blob): the source's digest and what each target holds now. Free of Jenkins types; runs on the controller.
 */
public final class PlanProbe {
    /** @param pinned {@code host/repo@sha256:…} of the source */
    public record Probed(String pinned, String digest, List<PlannedTarget> targets, int requests) {
    }

    private PlanProbe() {
    }

    /** @throws io.imagepromotion.core.error.ImagePromotionException when the source is missing or a registry fails */
    public static Probed run(ImageReference source, List<ImageReference> targets, RegistryAccess access,
                             PrintStream log) {
        try (RegistryTransport transport = new RegistryTransport(access.transportSettings())) {
            Map<String, List<String>> scopes = new LinkedHashMap<>();
            scopes.computeIfAbsent(source.apiHost(), h -> new ArrayList<>()).add(TokenScopes.pull(source.repository()));
            for (ImageReference t : targets) {
                scopes.computeIfAbsent(t.apiHost(), h -> new ArrayList<>()).add(TokenScopes.pull(t.repository()));
            }
            scopes.forEach(transport::anticipateScopes);
            RegistryClient client = new RegistryClient(transport);
            ManifestHead head = client.headManifest(source).orElseThrow(() -> new NotFoundException("image " + source
                    + " not found: check the repository and tag, and that the credentials can pull it", 404, List.of(),
                    source.toString(), "HEAD " + source.apiHost()));
            String pinned = source.withDigest(head.digest()).toString();
            List<PlannedTarget> planned = new ArrayList<>();
            for (ImageReference t : targets) {
                String current = client.headManifest(t).map(h -> h.digest().toString()).orElse(null);
                planned.add(new PlannedTarget(t.toString(), current));
                log.println("Plan: " + t + (current == null ? " is absent" : " is at " + current)
                        + (head.digest().toString().equals(current) ? " (already promoted)" : ""));
            }
            log.println("Plan: " + source + " is " + pinned);
            return new Probed(pinned, head.digest().toString(), planned, transport.requestCount());
        }
    }
}
