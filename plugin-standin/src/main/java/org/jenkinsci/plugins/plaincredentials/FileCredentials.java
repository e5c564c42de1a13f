package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/plain-credentials-plugin@199.v9f8e1f741799:src/main/java/org/jenkinsci/plugins/plaincredentials/FileCredentials.java}
 * ("Credentials consisting of a secret file"). Omitted: {@code @NameWith(FileCredentials.NameProvider.class)} and the
 * nested {@code NameProvider}.
 */
public interface FileCredentials extends StandardCredentials {
    @NonNull
    String getFileName();

    @NonNull
    InputStream getContent() throws IOException;
}
