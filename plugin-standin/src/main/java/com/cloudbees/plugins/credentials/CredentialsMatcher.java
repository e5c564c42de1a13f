package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/credentials-plugin@1415.v831096eb_5534:src/main/java/com/cloudbees/plugins/credentials/CredentialsMatcher.java}.
 * Omitted: the nested {@code CQL} interface.
 */
public interface CredentialsMatcher extends Serializable {
    boolean matches(@NonNull Credentials item);
}
