package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for {@code jenkinsci/credentials-plugin@1415.v831096eb_5534:src/main/java/com/cloudbees/plugins/credentials/common/AbstractIdCredentialsListBoxModel.java}.
 * Only {@link #includeEmptyValue()}, {@link #includeCurrentValue(String)} and the Item variant of
 * {@link #includeMatchingAs}. Like the real class, each returns {@code AbstractIdCredentialsListBoxModel<T, C>},
 * not {@code T}.
 */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
        C extends IdCredentials> extends ListBoxModel {
    private static final long serialVersionUID = 1L;

    AbstractIdCredentialsListBoxModel() {
    }

    @NonNull
    protected abstract String describe(@NonNull C c);

    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(@NonNull String value) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(@NonNull Authentication authentication,
            @Nullable Item context, @NonNull Class<? extends C> type,
            @NonNull List<DomainRequirement> domainRequirements, @NonNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
