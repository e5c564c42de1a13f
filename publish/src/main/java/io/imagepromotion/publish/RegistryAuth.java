package io.imagepromotion.publish;

import com.github.dockerjava.api.model.AuthConfig;
import io.imagepromotion.core.auth.Credential;

/** The X-Registry-Auth content for a push, from the same credential the registry client uses afterwards. */
final class RegistryAuth {
    private RegistryAuth() {
    }

    /**
     * An anonymous credential still yields an (empty) auth object, so the header is always sent and docker-java never
     * looks for credentials of its own (it would read the agent user's ~/.docker/config.json).
     */
    static AuthConfig forPush(Credential credential, String registry) {
        AuthConfig auth = new AuthConfig();
        if (credential instanceof Credential.UsernamePassword up) {
            return auth.withUsername(up.username()).withPassword(up.password()).withRegistryAddress(registry);
        }
        if (credential instanceof Credential.RegistryToken token) {
            return auth.withRegistrytoken(token.token()).withRegistryAddress(registry);
        }
        return auth;
    }
}
