package io.jenkins.plugins.imagepromotion.credentials;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.error.InvalidInputException;
import io.jenkins.plugins.imagepromotion.log.SecretMask;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The secret values of one Jenkins credential, copied on the controller so that only this travels to the agent
 * (inside the encrypted remoting channel). It lives only for one step run: it is never a field of a step, an
 * execution or an action, so it is never written to {@code build.xml} or {@code program.dat}. {@link #toString()}
 * shows the id and kind only.
 *
 * <p>It is serialised on purpose, with the secret in clear: the agent must authenticate to the registries, and
 * remoting's channel is the encrypted carrier Jenkins itself uses for this ({@code CredentialsProvider.snapshot},
 * {@code Secret}'s plain {@code value} field). The step executions never hold one, so {@code program.dat} never
 * does (a round-trip test of the executions is still to be written).
 */
public final class RegistryCredentialSnapshot implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Which Jenkins credential type the values came from. */
    public enum Kind {
        USERNAME_PASSWORD,
        SECRET_TEXT
    }

    private final String credentialsId;
    private final Kind kind;
    private final String username;
    private final String secret;

    private RegistryCredentialSnapshot(String credentialsId, Kind kind, String username, String secret) {
        this.credentialsId = credentialsId;
        this.kind = kind;
        this.username = username;
        this.secret = secret;
    }

    /** From a "Username with password" credential. */
    public static RegistryCredentialSnapshot usernamePassword(String credentialsId, String username, String password) {
        Objects.requireNonNull(credentialsId, "credentialsId");
        if (username == null || username.isBlank()) {
            throw new InvalidInputException("credentials '" + credentialsId
                    + "' have an empty username; registries need one (use Secret text for a bare token)");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("credentials '" + credentialsId + "' have an empty password");
        }
        return new RegistryCredentialSnapshot(credentialsId, Kind.USERNAME_PASSWORD, username, password);
    }

    /** From a "Secret text" credential: a registry token. */
    public static RegistryCredentialSnapshot secretText(String credentialsId, String token) {
        Objects.requireNonNull(credentialsId, "credentialsId");
        if (token == null || token.isBlank()) {
            throw new InvalidInputException("credentials '" + credentialsId + "' hold an empty secret text");
        }
        return new RegistryCredentialSnapshot(credentialsId, Kind.SECRET_TEXT, null, token.strip());
    }

    public String credentialsId() {
        return credentialsId;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The engine's credential. A secret text becomes the password of {@code tokenUsername} when the registry's
     * settings name one (token services that take a personal access token as password), and otherwise is sent
     * directly as a bearer token.
     *
     * @param tokenUsername the user name for secret-text tokens from the registry's settings, or {@code null}
     */
    public Credential toCredential(String tokenUsername) {
        return switch (kind) {
            case USERNAME_PASSWORD -> Credential.usernamePassword(username, secret);
            case SECRET_TEXT -> tokenUsername == null || tokenUsername.isBlank()
                    ? Credential.registryToken(secret)
                    : Credential.usernamePassword(tokenUsername.strip(), secret);
        };
    }

    /**
     * The texts the build log must never show for this credential: the secret and the forms it takes on the wire
     * ({@link SecretMask#wireForms}), with the user name the engine sends it with (see {@link #toCredential}).
     */
    public List<String> secretForms(String tokenUsername) {
        String user = switch (kind) {
            case USERNAME_PASSWORD -> username;
            case SECRET_TEXT -> tokenUsername == null || tokenUsername.isBlank() ? null : tokenUsername.strip();
        };
        return SecretMask.wireForms(user, secret);
    }

    @Override
    public String toString() {
        return "credentials '" + credentialsId + "' (" + (kind == Kind.USERNAME_PASSWORD ? "username " + username
                + ", password hidden" : "secret text, hidden") + ")";
    }
}
