package io.imagepromotion.core.auth;

import io.imagepromotion.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerConfigCredentialsTest {
    @TempDir
    Path dir;

    /** Records every helper call and answers from a fixed table keyed "helper server". */
    private static final class RecordingHelpers implements DockerConfigCredentials.HelperRunner {
        final Map<String, String> answers;
        final List<String> calls = new ArrayList<>();

        RecordingHelpers(Map<String, String> answers) {
            this.answers = answers;
        }

        @Override
        public Optional<String> get(String helperName, String registry) {
            calls.add(helperName + " " + registry);
            return Optional.ofNullable(answers.get(helperName + " " + registry));
        }
    }

    private static final DockerConfigCredentials.HelperRunner NO_HELPERS = (helper, registry) -> {
        throw new AssertionError("no helper should run, but " + helper + " was asked for " + registry);
    };

    private Path config(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String helperAnswer(String user, String secret) {
        return "{\"ServerURL\":\"x\",\"Username\":\"" + user + "\",\"Secret\":\"" + secret + "\"}";
    }

    // ---- auths -------------------------------------------------------------------------------------------------

    @Test
    void base64AuthGivesUsernameAndPassword() throws IOException {
        Path file = config("{\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("ci:s3cret") + "\"}}}");
        assertEquals(Credential.usernamePassword("ci", "s3cret"),
                DockerConfigCredentials.load(file, NO_HELPERS).credentialFor("registry.example.com"));
    }

    @Test
    void base64AuthSplitsAtTheFirstColonSoPasswordsMayContainColons() throws IOException {
        Path file = config("{\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("ci:pa:ss:word") + "\"}}}");
        assertEquals(Credential.usernamePassword("ci", "pa:ss:word"),
                DockerConfigCredentials.load(file, NO_HELPERS).credentialFor("registry.example.com"));
    }

    @Test
    void usernameAndPasswordFieldsAreUsed() throws IOException {
        Path file = config("{\"auths\":{\"registry.example.com:5000\":{\"username\":\"u\",\"password\":\"p\"}}}");
        assertEquals(Credential.usernamePassword("u", "p"),
                DockerConfigCredentials.load(file, NO_HELPERS).credentialFor("registry.example.com:5000"));
    }

    @Test
    void identityTokenIsSentAsPasswordOfTokenUser() throws IOException {
        Path file = config("{\"auths\":{\"registry.example.com\":{\"identitytoken\":\"refresh-123\"}}}");
        assertEquals(Credential.usernamePassword("<token>", "refresh-123"),
                DockerConfigCredentials.load(file, NO_HELPERS).credentialFor("registry.example.com"));
    }

    @Test
    void identityTokenWinsOverThePasswordInAuth() throws IOException {
        Path file = config("{\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("me:old") + "\",\"identitytoken\":\"tok\"}}}");
        assertEquals(Credential.usernamePassword("me", "tok"),
                DockerConfigCredentials.load(file, NO_HELPERS).credentialFor("registry.example.com"));
    }

    @Test
    void registryTokenIsABearerRegistryToken() throws IOException {
        Path file = config("{\"auths\":{\"registry.example.com\":{\"registrytoken\":\"bearer-xyz\",\"auth\":\""
                + base64("u:p") + "\"}}}");
        assertEquals(Credential.registryToken("bearer-xyz"),
                DockerConfigCredentials.load(file, NO_HELPERS).credentialFor("registry.example.com"));
    }

    @Test
    void unknownRegistryIsAnonymous() throws IOException {
        Path file = config("{\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("u:p") + "\"}}}");
        assertEquals(Credential.anonymous(), DockerConfigCredentials.load(file, NO_HELPERS).credentialFor("other.example.com"));
    }

    @Test
    void portIsPartOfTheRegistryKey() throws IOException {
        Path file = config("{\"auths\":{\"registry.example.com:5000\":{\"auth\":\"" + base64("u:p") + "\"}}}");
        DockerConfigCredentials credentials = DockerConfigCredentials.load(file, NO_HELPERS);
        assertEquals(Credential.anonymous(), credentials.credentialFor("registry.example.com"));
        assertEquals(Credential.anonymous(), credentials.credentialFor("registry.example.com:5001"));
        assertEquals(Credential.usernamePassword("u", "p"), credentials.credentialFor("registry.example.com:5000"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://registry.example.com/v1/", "http://registry.example.com", "registry.example.com/",
            "REGISTRY.example.com", " registry.example.com "})
    void keysWithSchemePathOrOtherCaseMatchTheRegistry(String key) throws IOException {
        Path file = config("{\"auths\":{\"" + key + "\":{\"auth\":\"" + base64("u:p") + "\"}}}");
        assertEquals(Credential.usernamePassword("u", "p"),
                DockerConfigCredentials.load(file, NO_HELPERS).credentialFor("registry.example.com"));
    }

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource({
            "https://index.docker.io/v1/, docker.io",
            "https://index.docker.io/v1/, registry-1.docker.io",
            "index.docker.io,             docker.io",
            "docker.io,                   registry-1.docker.io",
            "registry-1.docker.io,        docker.io",
            "https://registry.hub.docker.com, index.docker.io",
    })
    void dockerHubKeySpellingsAreMerged(String key, String asked) throws IOException {
        Path file = config("{\"auths\":{\"" + key + "\":{\"auth\":\"" + base64("hubuser:hubpass") + "\"}}}");
        assertEquals(Credential.usernamePassword("hubuser", "hubpass"),
                DockerConfigCredentials.load(file, NO_HELPERS).credentialFor(asked));
    }

    @Test
    void invalidBase64IsInvalidInputNamingTheRegistryNotTheValue() throws IOException {
        Path file = config("{\"auths\":{\"registry.example.com\":{\"auth\":\"not*base64!secretish\"}}}");
        DockerConfigCredentials credentials = DockerConfigCredentials.load(file, NO_HELPERS);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> credentials.credentialFor("registry.example.com"));
        assertTrue(e.getMessage().contains("'auth' entry for registry.example.com is not base64"), e.getMessage());
        assertFalse(e.getMessage().contains("secretish"), "the message must not echo the value");
    }

    @Test
    void base64WithoutColonIsInvalidInput() throws IOException {
        Path file = config("{\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("justapassword") + "\"}}}");
        DockerConfigCredentials credentials = DockerConfigCredentials.load(file, NO_HELPERS);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> credentials.credentialFor("registry.example.com"));
        assertTrue(e.getMessage().contains("not base64 of user:password"), e.getMessage());
        assertFalse(e.getMessage().contains("justapassword"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    @Test
    void credHelperForTheRegistryComesBeforeAuths() throws IOException {
        Path file = config("{\"credHelpers\":{\"registry.example.com\":\"ecr-login\"},"
                + "\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("fromauths:p") + "\"}}}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of("ecr-login registry.example.com", helperAnswer("AWS", "ecr-token")));

        Credential c = DockerConfigCredentials.load(file, helpers).credentialFor("registry.example.com");

        assertEquals(Credential.usernamePassword("AWS", "ecr-token"), c);
        assertEquals(List.of("ecr-login registry.example.com"), helpers.calls);
    }

    @Test
    void credHelperForAnotherRegistryIsNotAsked() throws IOException {
        Path file = config("{\"credHelpers\":{\"other.example.com\":\"ecr-login\"},"
                + "\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("u:p") + "\"}}}");
        assertEquals(Credential.usernamePassword("u", "p"),
                DockerConfigCredentials.load(file, NO_HELPERS).credentialFor("registry.example.com"));
    }

    @Test
    void credHelperThatKnowsNothingGivesAnonymousWithoutFallingBackToAuths() throws IOException {
        // docker does the same: a credHelpers entry decides for its registry
        Path file = config("{\"credHelpers\":{\"registry.example.com\":\"pass\"},"
                + "\"auths\":{\"registry.example.com\":{\"auth\":\"" + base64("u:p") + "\"}}}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of());
        assertEquals(Credential.anonymous(), DockerConfigCredentials.load(file, helpers).credentialFor("registry.example.com"));
        assertEquals(List.of("pass registry.example.com"), helpers.calls);
    }

    @Test
    void credsStoreIsTheFallbackWhenAuthsHasNothing() throws IOException {
        Path file = config("{\"credsStore\":\"desktop\",\"auths\":{\"other.example.com\":{\"auth\":\"" + base64("u:p") + "\"}}}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of("desktop registry.example.com", helperAnswer("store", "pw")));

        DockerConfigCredentials credentials = DockerConfigCredentials.load(file, helpers);

        assertEquals(Credential.usernamePassword("store", "pw"), credentials.credentialFor("registry.example.com"));
        assertEquals(Credential.usernamePassword("u", "p"), credentials.credentialFor("other.example.com"));
        assertEquals(List.of("desktop registry.example.com"), helpers.calls, "auths answered for other.example.com");
    }

    @Test
    void emptyAuthsEntryAsDockerWritesWithCredsStoreFallsBackToTheStore() throws IOException {
        Path file = config("{\"credsStore\":\"desktop\",\"auths\":{\"registry.example.com\":{}}}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of("desktop registry.example.com", helperAnswer("store", "pw")));
        assertEquals(Credential.usernamePassword("store", "pw"),
                DockerConfigCredentials.load(file, helpers).credentialFor("registry.example.com"));
    }

    @Test
    void credsStoreIsAskedForDockerHubUnderItsIndexUrl() throws IOException {
        Path file = config("{\"credsStore\":\"desktop\"}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of("desktop https://index.docker.io/v1/", helperAnswer("hub", "pw")));
        assertEquals(Credential.usernamePassword("hub", "pw"),
                DockerConfigCredentials.load(file, helpers).credentialFor("registry-1.docker.io"));
        assertEquals(List.of("desktop https://index.docker.io/v1/"), helpers.calls);
    }

    @Test
    void credHelperKeyedWithHubSpellingIsUsedForDockerIo() throws IOException {
        Path file = config("{\"credHelpers\":{\"index.docker.io\":\"hubhelper\"}}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of("hubhelper https://index.docker.io/v1/", helperAnswer("hub", "pw")));
        assertEquals(Credential.usernamePassword("hub", "pw"), DockerConfigCredentials.load(file, helpers).credentialFor("docker.io"));
    }

    @Test
    void helperAnswerWithTokenUserIsKeptAsTokenUser() throws IOException {
        Path file = config("{\"credsStore\":\"s\"}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of("s r.example.com", helperAnswer("<token>", "refresh")));
        assertEquals(Credential.usernamePassword("<token>", "refresh"),
                DockerConfigCredentials.load(file, helpers).credentialFor("r.example.com"));
    }

    @Test
    void helperAnswerWithoutUsernameUsesTokenUser() throws IOException {
        Path file = config("{\"credsStore\":\"s\"}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of("s r.example.com", "{\"Secret\":\"only-secret\"}"));
        assertEquals(Credential.usernamePassword("<token>", "only-secret"),
                DockerConfigCredentials.load(file, helpers).credentialFor("r.example.com"));
    }

    @Test
    void helperAnswerWithoutSecretIsAnonymous() throws IOException {
        Path file = config("{\"credsStore\":\"s\"}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of("s r.example.com", "{\"Username\":\"u\",\"Secret\":\"\"}"));
        assertEquals(Credential.anonymous(), DockerConfigCredentials.load(file, helpers).credentialFor("r.example.com"));
    }

    @Test
    void helperAnswerThatIsNotJsonIsInvalidInputNamingTheHelper() throws IOException {
        Path file = config("{\"credsStore\":\"s\"}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of("s r.example.com", "Secret: oops-not-json"));
        DockerConfigCredentials credentials = DockerConfigCredentials.load(file, helpers);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> credentials.credentialFor("r.example.com"));
        assertTrue(e.getMessage().contains("docker-credential-s answered with invalid JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("oops-not-json"));
    }

    @Test
    void answersAreCachedPerRegistry() throws IOException {
        Path file = config("{\"credsStore\":\"s\"}");
        RecordingHelpers helpers = new RecordingHelpers(Map.of("s r.example.com", helperAnswer("u", "p")));
        DockerConfigCredentials credentials = DockerConfigCredentials.load(file, helpers);
        credentials.credentialFor("r.example.com");
        credentials.credentialFor("R.EXAMPLE.COM");
        credentials.credentialFor("https://r.example.com/v2/");
        assertEquals(1, helpers.calls.size(), helpers.calls::toString);
    }

    // ---- real helper processes (the default runner) ----------------------------------------------------------------

    @Test
    void helperThatIsNotInstalledIsInvalidInputSayingWhatToDo() throws IOException {
        Path file = config("{\"credsStore\":\"image-promotion-test-not-installed\"}");
        DockerConfigCredentials credentials = DockerConfigCredentials.load(file);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> credentials.credentialFor("r.example.com"));
        assertTrue(e.getMessage().contains("docker-credential-image-promotion-test-not-installed"), e.getMessage());
        assertTrue(e.getMessage().contains("install it or remove it from the config"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"../../bin/sh", "a b", "x;rm", "/abs"})
    void helperNameThatIsNotAPlainProgramNameIsRefused(String name) throws IOException {
        Path file = config("{\"credsStore\":\"" + name + "\"}");
        DockerConfigCredentials credentials = DockerConfigCredentials.load(file);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> credentials.credentialFor("r.example.com"));
        assertTrue(e.getMessage().contains("is not a plain program name"), e.getMessage());
    }

    // ---- the file itself -----------------------------------------------------------------------------------------

    @Test
    void missingFileIsInvalidInputNamingIt() {
        Path missing = dir.resolve("nope.json");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DockerConfigCredentials.load(missing, NO_HELPERS));
        assertTrue(e.getMessage().contains("docker config " + missing + " does not exist"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"[]", "\"text\"", "42", "null"})
    void configThatIsNotAnObjectIsInvalidInput(String json) throws IOException {
        Path file = config(json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DockerConfigCredentials.load(file, NO_HELPERS));
        assertTrue(e.getMessage().contains("is not a JSON object"), e.getMessage());
    }

    @Test
    void malformedJsonIsInvalidInput() throws IOException {
        Path file = config("{\"auths\": {");
        assertThrows(InvalidInputException.class, () -> DockerConfigCredentials.load(file, NO_HELPERS));
    }

    @Test
    void emptyObjectKnowsNoCredentials() throws IOException {
        assertEquals(Credential.anonymous(), DockerConfigCredentials.load(config("{}"), NO_HELPERS).credentialFor("docker.io"));
    }

    @Test
    void toStringNamesTheFileAndNoSecret() throws IOException {
        Path file = config("{\"auths\":{\"r\":{\"auth\":\"" + base64("u:topsecret") + "\"}}}");
        DockerConfigCredentials credentials = DockerConfigCredentials.load(file, NO_HELPERS);
        credentials.credentialFor("r");
        assertEquals("docker config " + file, credentials.toString());
    }

    // ---- default location ----------------------------------------------------------------------------------------

    @Test
    void defaultLocationPrefersDockerConfigDirectory() throws IOException {
        Path custom = Files.createDirectories(dir.resolve("custom"));
        Files.writeString(custom.resolve("config.json"), "{}");
        Path home = Files.createDirectories(dir.resolve("home/.docker")).getParent();
        Files.writeString(home.resolve(".docker/config.json"), "{}");
        assertEquals(Optional.of(custom.resolve("config.json")),
                DockerConfigCredentials.defaultLocation(Map.of("DOCKER_CONFIG", custom.toString()), home));
    }

    @Test
    void defaultLocationFallsBackToHomeDockerConfig() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home/.docker")).getParent();
        Files.writeString(home.resolve(".docker/config.json"), "{}");
        assertEquals(Optional.of(home.resolve(".docker/config.json")),
                DockerConfigCredentials.defaultLocation(Map.of("DOCKER_CONFIG", dir.resolve("empty").toString()), home));
        assertEquals(Optional.of(home.resolve(".docker/config.json")), DockerConfigCredentials.defaultLocation(Map.of(), home));
    }

    @Test
    void defaultLocationIsEmptyWhenNoConfigExists() {
        assertEquals(Optional.empty(), DockerConfigCredentials.defaultLocation(Map.of(), dir.resolve("nohome")));
    }
}
