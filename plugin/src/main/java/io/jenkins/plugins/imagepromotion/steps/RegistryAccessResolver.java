package io.jenkins.plugins.imagepromotion.steps;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import io.jenkins.plugins.imagepromotion.config.ImagePromotionConfiguration;
import io.jenkins.plugins.imagepromotion.config.RegistryDirectory;
import io.jenkins.plugins.imagepromotion.credentials.CredentialAssignment;
import io.jenkins.plugins.imagepromotion.credentials.JenkinsCredentialLookup;
import io.jenkins.plugins.imagepromotion.credentials.RegistryCredentialSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** On the controller: the credentials and registry settings one step needs, as a {@link RegistryAccess}. */
final class RegistryAccessResolver {
    private RegistryAccessResolver() {
    }

    static RegistryAccess resolve(Run<?, ?> run, String sourceRegistry, List<String> targetRegistries,
                                  String credentialsId, String targetCredentialsId) throws AbortException {
        RegistryDirectory directory = ImagePromotionConfiguration.get().directory();
        Map<String, RegistryCredentialSnapshot> snapshots = new LinkedHashMap<>();
        for (CredentialAssignment.Assignment assignment : CredentialAssignment.assign(sourceRegistry, targetRegistries,
                credentialsId, targetCredentialsId, directory::defaultCredentialsId)) {
            snapshots.put(assignment.registry(), JenkinsCredentialLookup.snapshot(run, assignment));
        }
        Set<String> registries = new LinkedHashSet<>();
        registries.add(sourceRegistry);
        registries.addAll(targetRegistries);
        return RegistryAccess.of(snapshots, directory.settingsFor(new ArrayList<>(registries)));
    }
}
