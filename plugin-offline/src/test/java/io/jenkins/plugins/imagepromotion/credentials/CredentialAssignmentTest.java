package io.jenkins.plugins.imagepromotion.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagepromotion.core.error.InvalidInputException;
import io.jenkins.plugins.imagepromotion.credentials.CredentialAssignment.Assignment;
import io.jenkins.plugins.imagepromotion.credentials.CredentialAssignment.Origin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CredentialAssignmentTest {
    static final Function<String, Optional<String>> NO_DEFAULTS = registry -> Optional.empty();

    @Test
    void credentialsIdCoversTheSourceRegistryAndTargetsOnIt() {
        List<Assignment> result = CredentialAssignment.assign("reg.example.com", List.of("reg.example.com"), "reg", null,
                NO_DEFAULTS);
        assertEquals(List.of(new Assignment("reg.example.com", "reg", Origin.STEP_CREDENTIALS_ID)), result);
    }

    @Test
    void targetCredentialsIdCoversEveryOtherTargetRegistry() {
        List<Assignment> result = CredentialAssignment.assign("dev.example.com",
                List.of("prod.example.com", "mirror.example.com:5000", "prod.example.com"), "dev", "prod", NO_DEFAULTS);
        assertEquals(List.of(
                new Assignment("dev.example.com", "dev", Origin.STEP_CREDENTIALS_ID),
                new Assignment("prod.example.com", "prod", Origin.STEP_TARGET_CREDENTIALS_ID),
                new Assignment("mirror.example.com:5000", "prod", Origin.STEP_TARGET_CREDENTIALS_ID)), result);
    }

    @Test
    void twoDifferentIdsForOneRegistryAreAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CredentialAssignment.assign(
                "reg.example.com", List.of("reg.example.com"), "a", "b", NO_DEFAULTS));
        assertTrue(e.getMessage().startsWith("source and target are both on reg.example.com"), e.getMessage());
    }

    @Test
    void theSameIdTwiceForOneRegistryIsFine() {
        assertEquals(1, CredentialAssignment.assign("reg.example.com", List.of("reg.example.com"), "a", "a", NO_DEFAULTS).size());
    }

    @Test
    void globalDefaultsFillRegistriesWithoutAnExplicitId() {
        Map<String, String> defaults = Map.of("dev.example.com", "dev-default", "prod.example.com", "prod-default");
        List<Assignment> result = CredentialAssignment.assign("dev.example.com", List.of("prod.example.com"), null, null,
                registry -> Optional.ofNullable(defaults.get(registry)));
        assertEquals(List.of(new Assignment("dev.example.com", "dev-default", Origin.GLOBAL_DEFAULT),
                new Assignment("prod.example.com", "prod-default", Origin.GLOBAL_DEFAULT)), result);
    }

    @Test
    void anExplicitIdWinsOverTheDefault() {
        List<Assignment> result = CredentialAssignment.assign("dev.example.com", List.of(), " mine ", null,
                registry -> Optional.of("default"));
        assertEquals(List.of(new Assignment("dev.example.com", "mine", Origin.STEP_CREDENTIALS_ID)), result);
    }

    @Test
    void registriesWithoutAnyIdStayAnonymous() {
        assertEquals(List.of(), CredentialAssignment.assign("docker.io", List.of("quay.io"), "", null, NO_DEFAULTS));
    }

    @Test
    void describeSaysWhereTheIdCameFrom() {
        assertEquals("credentials 'x' for quay.io (from the global Image Promotion configuration)",
                new Assignment("quay.io", "x", Origin.GLOBAL_DEFAULT).describe());
    }

    @Test
    void registryUriUsesTheDockerHubApiHost() {
        assertEquals("https://registry-1.docker.io", RegistryUris.of("docker.io"));
        assertEquals("https://reg.example.com:5000", RegistryUris.of("reg.example.com:5000"));
        assertEquals(Optional.of("https://reg.example.com"), RegistryUris.forImage("reg.example.com/app:1"));
        assertEquals(Optional.empty(), RegistryUris.forImage("Not A Ref"));
    }
}
