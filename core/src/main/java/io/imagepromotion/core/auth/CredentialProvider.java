package io.imagepromotion.core.auth;

/**
 * Where credentials for a registry come from (given per registry, a docker config.json, a Jenkins credential). Kept
 * apart from how the auth handshake works, which is the transport's business.
 */
@FunctionalInterface
public interface CredentialProvider {
    /**
     * @param registry the registry as written in references ({@code docker.io}, {@code host:port})
     * @return the credential to use, {@link Credential#anonymous()} when none is known
     */
    Credential credentialFor(String registry);

    static CredentialProvider anonymous() {
        return registry -> Credential.anonymous();
    }

    /** This provider, falling back to {@code other} where this one knows nothing. */
    default CredentialProvider orElse(CredentialProvider other) {
        return registry -> {
            Credential found = credentialFor(registry);
            return found instanceof Credential.Anonymous ? other.credentialFor(registry) : found;
        };
    }
}
