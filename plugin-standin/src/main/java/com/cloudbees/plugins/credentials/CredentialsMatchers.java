package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Compile-only stand-in for {@code jenkinsci/credentials-plugin@1415.v831096eb_5534:src/main/java/com/cloudbees/plugins/credentials/CredentialsMatchers.java}.
 * Only {@link #withId(String)}, {@link #instanceOf(Class)}, {@link #anyOf(CredentialsMatcher...)} and
 * {@link #allOf(CredentialsMatcher...)}.
 */
public class CredentialsMatchers {
    private CredentialsMatchers() {
    }

    @NonNull
    public static CredentialsMatcher withId(@NonNull String id) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public static CredentialsMatcher instanceOf(@NonNull Class clazz) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public static CredentialsMatcher anyOf(@NonNull CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public static CredentialsMatcher allOf(@NonNull CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
