package io.imagepromotion.publish;

import io.imagepromotion.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishRequestTest {
    private static final DockerHost HOST = DockerHost.parse("unix:///run/podman/podman.sock", "test");

    @Test
    void targetIsParsedAndLocalImageKeptAsWritten() {
        PublishRequest request = PublishRequest.of("myapp:local", "registry.example.com/team/app:3f2a9c1", HOST);
        assertEquals("myapp:local", request.localImage());
        assertEquals("registry.example.com/team/app:3f2a9c1", request.target().toString());
        assertEquals(PublishRequest.DEFAULT_PUSH_TIMEOUT, request.pushTimeout());
    }

    @Test
    void digestTargetIsRejectedWithTheTagToUseInstead() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                PublishRequest.of("myapp:local", "registry.example.com/team/app@sha256:" + "0".repeat(64), HOST));
        assertTrue(e.getMessage().contains("name the tag to push, e.g. registry.example.com/team/app:$GIT_COMMIT"), e.getMessage());
    }

    @Test
    void blankOrSpacedLocalImageIsRejected() {
        assertTrue(assertThrows(InvalidInputException.class, () -> PublishRequest.of(" ", "r.example.com/a:1", HOST))
                .getMessage().startsWith("no local image given"));
        assertTrue(assertThrows(InvalidInputException.class, () -> PublishRequest.of("my app", "r.example.com/a:1", HOST))
                .getMessage().contains("white space"));
    }

    @Test
    void malformedTargetNamesTheProblem() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PublishRequest.of("myapp:local", "registry.example.com/Team/app:1", HOST));
        assertTrue(e.getMessage().contains("lower case"), e.getMessage());
    }

    @Test
    void pushTimeoutMustBePositive() {
        PublishRequest request = PublishRequest.of("myapp:local", "r.example.com/a:1", HOST);
        assertThrows(InvalidInputException.class, () -> request.withPushTimeout(Duration.ZERO));
        assertEquals(Duration.ofMinutes(5), request.withPushTimeout(Duration.ofMinutes(5)).pushTimeout());
    }
}
