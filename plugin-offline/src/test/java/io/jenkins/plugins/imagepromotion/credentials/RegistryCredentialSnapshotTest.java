package io.jenkins.plugins.imagepromotion.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class RegistryCredentialSnapshotTest {
    static final String PASSWORD = "pa55-w0rd-never-printed";
    static final String TOKEN = "tok-9f8e7d6c5b4a";

    @Test
    void usernamePasswordBecomesTheEngineUsernamePassword() {
        Credential credential = RegistryCredentialSnapshot.usernamePassword("reg", "robot", PASSWORD).toCredential("ignored");
        assertEquals(Credential.usernamePassword("robot", PASSWORD), credential);
    }

    @Test
    void secretTextIsSentAsBearerTokenWhenTheRegistryNamesNoTokenUser() {
        RegistryCredentialSnapshot snapshot = RegistryCredentialSnapshot.secretText("tok", " " + TOKEN + "\n");
        assertEquals(Credential.registryToken(TOKEN), snapshot.toCredential(null));
        assertEquals(Credential.registryToken(TOKEN), snapshot.toCredential("  "));
    }

    @Test
    void secretTextIsThePasswordOfTheRegistrysTokenUser() {
        assertEquals(Credential.usernamePassword("oauth2accesstoken", TOKEN),
                RegistryCredentialSnapshot.secretText("tok", TOKEN).toCredential(" oauth2accesstoken "));
    }

    @Test
    void toStringShowsIdAndKindButNoSecret() {
        String up = RegistryCredentialSnapshot.usernamePassword("reg", "robot", PASSWORD).toString();
        String text = RegistryCredentialSnapshot.secretText("tok", TOKEN).toString();
        assertEquals("credentials 'reg' (username robot, password hidden)", up);
        assertEquals("credentials 'tok' (secret text, hidden)", text);
        assertFalse(up.contains(PASSWORD));
        assertFalse(text.contains(TOKEN));
    }

    @Test
    void emptyValuesAreRefusedNamingTheCredentialsId() {
        InvalidInputException user = assertThrows(InvalidInputException.class,
                () -> RegistryCredentialSnapshot.usernamePassword("reg", " ", PASSWORD));
        assertEquals("credentials 'reg' have an empty username; registries need one (use Secret text for a bare token)",
                user.getMessage());
        assertThrows(InvalidInputException.class, () -> RegistryCredentialSnapshot.usernamePassword("reg", "robot", ""));
        assertThrows(InvalidInputException.class, () -> RegistryCredentialSnapshot.secretText("tok", "  "));
    }

    @Test
    void snapshotArrivesOnTheAgentWithItsValues() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(RegistryCredentialSnapshot.usernamePassword("reg", "robot", PASSWORD));
        }
        RegistryCredentialSnapshot copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RegistryCredentialSnapshot) in.readObject();
        }
        assertEquals(Credential.usernamePassword("robot", PASSWORD), copy.toCredential(null));
        assertEquals("reg", copy.credentialsId());
    }
}
