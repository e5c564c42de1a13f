package io.imagepromotion.core.auth;

import java.io.Serializable;
import java.util.Objects;

/**
 * Registry credentials. {@code toString} never shows a secret, so a credential can end up in a log or an exception
 * message by accident without leaking.
 */
public sealed interface Credential extends Serializable
        permits Credential.Anonymous, Credential.UsernamePassword, Credential.RegistryToken {

    static Credential anonymous() {
        return Anonymous.INSTANCE;
    }

    static Credential usernamePassword(String username, String password) {
        return new UsernamePassword(username, password);
    }

    /** A registry access token sent as {@code Authorization: Bearer} without a token exchange. */
    static Credential registryToken(String token) {
        return new RegistryToken(token);
    }

    /** No credentials: anonymous tokens only. */
    record Anonymous() implements Credential {
        static final Anonymous INSTANCE = new Anonymous();

        @Override
        public String toString() {
            return "anonymous";
        }
    }

    /** Username and password (or a personal access token used as the password); used for Basic and token exchange. */
    record UsernamePassword(String username, String password) implements Credential {
        public UsernamePassword {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.isEmpty()) {
                throw new IllegalArgumentException("empty username");
            }
        }

        @Override
        public String toString() {
            return "user " + username + " (password hidden)";
        }
    }

    /** A bearer token for the registry itself. */
    record RegistryToken(String token) implements Credential {
        public RegistryToken {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "registry token (hidden)";
        }
    }
}
