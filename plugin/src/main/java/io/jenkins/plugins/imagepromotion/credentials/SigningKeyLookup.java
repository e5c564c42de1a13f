package io.jenkins.plugins.imagepromotion.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/**
 * Resolves {@code signingKeyCredentialsId} on the controller, in the context of the build: a "Secret file" credential
 * holding a PKCS#8 PEM private key (ECDSA P-256 or Ed25519). Its text goes to the agent with the callable; it is
 * never written to a file or a log.
 */
public final class SigningKeyLookup {
    /** A PEM private key is a few hundred bytes; anything far larger is the wrong file. */
    static final int MAX_PEM = 64 * 1024;

    private SigningKeyLookup() {
    }

    public static String pem(Run<?, ?> run, String credentialsId) throws IOException {
        FileCredentials found = CredentialsProvider.findCredentialById(credentialsId, FileCredentials.class, run,
                List.of());
        if (found == null) {
            throw new AbortException("could not find the signing key credentials '" + credentialsId + "' as a"
                    + " 'Secret file': check the id and that this job may use it");
        }
        CredentialsProvider.track(run, found);
        byte[] bytes;
        try (InputStream in = found.getContent()) {
            bytes = in.readNBytes(MAX_PEM + 1);
        }
        if (bytes.length > MAX_PEM) {
            throw new AbortException("the signing key credentials '" + credentialsId + "' hold more than "
                    + MAX_PEM + " bytes; upload the PKCS#8 PEM private key file itself");
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
