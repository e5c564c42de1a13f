package io.jenkins.plugins.imagepromotion.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.transport.TransportSettings;
import io.jenkins.plugins.imagepromotion.config.RegistrySettings;
import io.jenkins.plugins.imagepromotion.credentials.RegistryCredentialSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryAccessTest {
    static final String PASSWORD = "hunter2-but-longer";
    static final String TOKEN = "glpat-0123456789";

    private static RegistryAccess access() {
        Map<String, RegistryCredentialSnapshot> credentials = new LinkedHashMap<>();
        credentials.put("dev.example.com", RegistryCredentialSnapshot.usernamePassword("dev", "robot", PASSWORD));
        credentials.put("prod.example.com:5000", RegistryCredentialSnapshot.secretText("prod", TOKEN));
        return RegistryAccess.of(credentials, List.of(
                RegistrySettings.of("prod.example.com", null, null, false, "gitlab-ci-token"),
                RegistrySettings.of("dev.example.com", null, null, true, null)));
    }

    @Test
    void eachRegistryGetsItsOwnCredentialAndTheRestAreAnonymous() {
        TransportSettings settings = access().transportSettings();
        assertEquals(Credential.usernamePassword("robot", PASSWORD), settings.credentials().credentialFor("dev.example.com"));
        assertEquals(Credential.anonymous(), settings.credentials().credentialFor("other.example.com"));
    }

    @Test
    void aPortlessEntrysTokenUserAppliesToTheRegistryOnAnyPort() {
        assertEquals(Credential.usernamePassword("gitlab-ci-token", TOKEN),
                access().transportSettings().credentials().credentialFor("prod.example.com:5000"));
    }

    @Test
    void onlyHostsMarkedInsecureMayUsePlainHttp() {
        TransportSettings settings = access().transportSettings();
        assertTrue(settings.isInsecure("dev.example.com"));
        assertFalse(settings.isInsecure("prod.example.com:5000"));
    }

    @Test
    void logLinesAndToStringNameIdsNotSecrets() {
        RegistryAccess access = access();
        assertEquals(List.of("Registry dev.example.com: credentials 'dev'", "Registry prod.example.com:5000: credentials 'prod'",
                "Registry docker.io: anonymous"), access.describe(List.of("dev.example.com", "prod.example.com:5000", "docker.io")));
        String text = access.toString() + access.transportSettings().credentials();
        assertFalse(text.contains(PASSWORD), text);
        assertFalse(text.contains(TOKEN), text);
    }
}
