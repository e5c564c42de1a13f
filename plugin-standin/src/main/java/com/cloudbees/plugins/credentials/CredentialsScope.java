package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/credentials-plugin@1415.v831096eb_5534:src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java}.
 * The three constants in their real order; {@code getDisplayName()} (localised {@code Messages} in the real enum)
 * throws here.
 */
public enum CredentialsScope implements Serializable {
    SYSTEM {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    },
    GLOBAL {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    },
    USER {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("compile-only stand-in");
        }
    };

    public abstract String getDisplayName();
}
