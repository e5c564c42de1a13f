package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Compile-only stand-in for {@code jenkinsci/credentials-plugin@1415.v831096eb_5534:src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java}.
 * Only {@link #USE_ITEM}, {@link #findCredentialById(String, Class, Run, List)}, {@link #track(Run, Credentials)}
 * and {@link #listCredentialsInItem(Class, Item, Authentication, List, CredentialsMatcher)}. The real
 * {@code findCredentialById} does not call {@code track} for plain ids; callers track themselves.
 */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public static final Permission USE_ITEM = null;

    private CredentialsProvider() {
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run, @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItem(@NonNull Class<C> type,
            @Nullable Item item, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements, @Nullable CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
