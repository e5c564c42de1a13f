package io.jenkins.plugins.imagepromotion.view;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The live drift check's reads: one HEAD per environment tag, nothing written. Free of Jenkins types. */
public final class TagHeads {
    private TagHeads() {
    }

    /** What each tag holds now; empty for a tag that does not exist. */
    public static Map<ImageReference, Optional<Digest>> read(Collection<ImageReference> tags, RegistryAccess access) {
        Map<ImageReference, Optional<Digest>> out = new LinkedHashMap<>();
        try (RegistryTransport transport = new RegistryTransport(access.transportSettings())) {
            RegistryClient client = new RegistryClient(transport);
            for (ImageReference tag : tags) {
                out.put(tag, client.headManifest(tag).map(RegistryClient.ManifestHead::digest));
            }
        }
        return out;
    }
}
