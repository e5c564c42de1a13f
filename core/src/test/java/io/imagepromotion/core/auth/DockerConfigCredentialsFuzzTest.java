package io.imagepromotion.core.auth;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.fuzz.NearValidInputs;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The docker {@code config.json} reader on mutated files and mutated credential-helper answers: credentials or an
 * {@link InvalidInputException}, nothing else, for every registry the file names and some it does not.
 */
class DockerConfigCredentialsFuzzTest {
    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("config-fuzz");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<String> configs() {
        return NearValidInputs.around(List.of(
                "{\"auths\":{\"registry.example.com\":{\"auth\":\"dXNlcjpwYXNz\"},\"https://index.docker.io/v1/\":{\"username\":\"u\",\"password\":\"p\"}}}",
                "{\"auths\":{\"localhost:5000\":{\"identitytoken\":\"tok\"},\"ghcr.io\":{\"registrytoken\":\"rt\"}},\"credsStore\":\"desktop\"}",
                "{\"credHelpers\":{\"registry.example.com\":\"ecr-login\",\"localhost:5000\":\"pass\"},\"auths\":{\"registry.example.com\":{}}}",
                "{\"auths\":{\"HTTP://Registry.Example.com:443/path\":{\"auth\":\"OnBhc3M=\",\"email\":\"x@y\"}},\"HttpHeaders\":{\"X\":\"y\"}}"));
    }

    @Provide
    Arbitrary<String> helperAnswers() {
        return NearValidInputs.around(List.of("{\"ServerURL\":\"registry.example.com\",\"Username\":\"u\",\"Secret\":\"s\"}",
                "{\"Username\":\"<token>\",\"Secret\":\"refresh\"}"));
    }

    @Property
    void readingGivesCredentialsOrATypedError(@ForAll("configs") String config, @ForAll("helperAnswers") String helperAnswer) throws IOException {
        Path file = dir.resolve("config.json");
        Files.write(file, config.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            DockerConfigCredentials credentials = DockerConfigCredentials.load(file, (helper, registry) -> Optional.of(helperAnswer));
            for (String registry : List.of("registry.example.com", "docker.io", "localhost:5000", "ghcr.io", "other.example.org")) {
                assertNotNull(credentials.credentialFor(registry));
            }
        } catch (InvalidInputException typed) {
            assertFalse(typed.getMessage() == null || typed.getMessage().isBlank(), "an error without a message");
        }
    }
}
