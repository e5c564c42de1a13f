package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Compile-only stand-in for {@code jenkinsci/credentials-plugin@1415.v831096eb_5534:src/main/java/com/cloudbees/plugins/credentials/common/StandardListBoxModel.java}.
 */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    private static final long serialVersionUID = 1L;

    public StandardListBoxModel() {
    }

    @NonNull
    @Override
    protected String describe(@NonNull StandardCredentials c) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
