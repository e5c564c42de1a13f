package com.cloudbees.plugins.credentials.domains;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code jenkinsci/credentials-plugin@1415.v831096eb_5534:src/main/java/com/cloudbees/plugins/credentials/domains/DomainRequirement.java}, only as a type.
 */
public abstract class DomainRequirement implements Serializable {
    private static final long serialVersionUID = 1L;

    private DomainRequirement() {
    }
}
