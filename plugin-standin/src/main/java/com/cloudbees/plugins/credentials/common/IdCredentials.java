package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Compile-only stand-in for {@code jenkinsci/credentials-plugin@1415.v831096eb_5534:src/main/java/com/cloudbees/plugins/credentials/common/IdCredentials.java}.
 */
public interface IdCredentials extends Credentials {
    @NonNull
    String getId();
}
