package com.cloudbees.plugins.credentials.domains;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/**
 * Compile-only stand-in for {@code jenkinsci/credentials-plugin@1415.v831096eb_5534:src/main/java/com/cloudbees/plugins/credentials/domains/URIRequirementBuilder.java}.
 * Only {@link #fromUri(String)} and {@link #build()}.
 */
public class URIRequirementBuilder {
    private URIRequirementBuilder() {
    }

    @NonNull
    public static URIRequirementBuilder fromUri(@CheckForNull String uri) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public List<DomainRequirement> build() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
