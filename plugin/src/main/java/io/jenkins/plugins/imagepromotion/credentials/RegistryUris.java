package io.jenkins.plugins.imagepromotion.credentials;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;
import java.util.Optional;

/**
 * The URI a registry is reached at, for credentials domain requirements ({@code https://host[:port]}): credentials
 * restricted to a domain are offered and used only for registries inside it.
 */
public final class RegistryUris {
    private RegistryUris() {
    }

    /** @param registry a registry as in references, e.g. {@code registry.example.com:5000} or {@code docker.io} */
    public static String of(String registry) {
        String host = registry.equals(ImageReference.DOCKER_HUB) ? ImageReference.DOCKER_HUB_API_HOST : registry;
        return "https://" + host;
    }

    /** The registry URI of an image reference as typed in a form, if it parses. */
    public static Optional<String> forImage(String image) {
        if (image == null || image.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(ImageReference.parse(image.strip()).registry()));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }
}
