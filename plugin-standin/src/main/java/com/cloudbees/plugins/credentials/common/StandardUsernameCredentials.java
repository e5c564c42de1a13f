package com.cloudbees.plugins.credentials.common;

/**
 * Compile-only stand-in for {@code jenkinsci/credentials-plugin@1415.v831096eb_5534:src/main/java/com/cloudbees/plugins/credentials/common/StandardUsernameCredentials.java}.
 */
public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {
}
