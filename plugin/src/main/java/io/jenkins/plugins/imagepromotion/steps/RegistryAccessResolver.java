package io.jenkins.plugins.imagepromotion.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import io.jenkins.plugins.imagepromotion.config.ImagePromotionConfiguration;
import io.jenkins.plugins.imagepromotion.config.RegistryDirectory;
import io.jenkins.plugins.imagepromotion.credentials.CredentialAssignment;
import io.jenkins.plugins.imagepromotion.credentials.JenkinsCredentialLookup;
import io.jenkins.plugins.imagepromotion.credentials.RegistryCredentialSnapshot;
import io.jenkins.plugins.imagepromotion.log.SecretMask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** On the controller: the credentials and registry settings one step needs, as a {@link RegistryAccess}. */
public final class RegistryAccessResolver {
    private RegistryAccessResolver() {
    }

    /**
     * Resolves the access to {@code sourceRegistry} and {@code targetRegistries}, then tells the build log which
     * credentials each of them (source first, each registry once) is used with.
     */
    public static RegistryAccess resolve(Run<?, ?> run, TaskListener listener, String sourceRegistry,
                                  List<String> targetRegistries, String credentialsId, String targetCredentialsId)
            throws AbortException {
        RegistryDirectory directory = ImagePromotionConfiguration.get().directory();
        Map<String, RegistryCredentialSnapshot> snapshots = new LinkedHashMap<>();
        for (CredentialAssignment.Assignment assignment : CredentialAssignment.assign(sourceRegistry, targetRegistries,
                credentialsId, targetCredentialsId, directory::defaultCredentialsId)) {
            snapshots.put(assignment.registry(), JenkinsCredentialLookup.snapshot(run, assignment));
        }
        Set<String> distinct = new LinkedHashSet<>();
        distinct.add(sourceRegistry);
        distinct.addAll(targetRegistries);
        List<String> registries = new ArrayList<>(distinct);
        RegistryAccess access = RegistryAccess.of(snapshots, directory.settingsFor(registries));
        // Credentials ids only; masked all the same, as every line a step writes is.
        SecretMask mask = access.secretMask();
        access.describe(registries).forEach(line -> listener.getLogger().println(mask.apply(line)));
        return access;
    }
}
