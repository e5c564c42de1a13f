package io.imagepromotion.core.auth;

import java.nio.file.Path;

/**
 * Runs in a child JVM whose PATH holds a test credential helper (PATH cannot be changed in-process): looks up each
 * registry given after the config file with the real helper runner and prints one line per registry.
 */
public final class CredentialHelperProbe {
    private CredentialHelperProbe() {
    }

    public static void main(String[] args) {
        DockerConfigCredentials credentials = DockerConfigCredentials.load(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            Credential c = credentials.credentialFor(args[i]);
            String shown = c instanceof Credential.UsernamePassword up ? "user=" + up.username() + " secret=" + up.password()
                    : c.toString();
            System.out.println(args[i] + " -> " + shown);
        }
    }
}
