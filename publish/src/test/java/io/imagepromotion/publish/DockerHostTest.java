package io.imagepromotion.publish;

import io.imagepromotion.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerHostTest {
    @Test
    void explicitHostWinsOverDockerHostVariable() {
        DockerHost host = DockerHost.resolve("tcp://127.0.0.1:2375", Map.of("DOCKER_HOST", "unix:///run/other.sock"));
        assertEquals("tcp://127.0.0.1:2375", host.toString());
        assertEquals("the given docker host", host.source());
    }

    @Test
    void dockerHostVariableIsUsedWhenNothingExplicit() {
        DockerHost host = DockerHost.resolve(null, Map.of("DOCKER_HOST", "unix:///run/podman/podman.sock"));
        assertEquals("unix:///run/podman/podman.sock", host.toString());
        assertEquals("DOCKER_HOST", host.source());
        assertEquals(java.nio.file.Path.of("/run/podman/podman.sock"), host.socketPath());
    }

    @Test
    void defaultSocketWithoutEitherBlankCountsAsAbsent() {
        assertEquals("unix:///var/run/docker.sock", DockerHost.resolve(" ", Map.of("DOCKER_HOST", "")).toString());
    }

    @Test
    void unixSocketPathIsNormalized() {
        assertEquals("unix:///run/podman/podman.sock", DockerHost.parse("unix:///run/./podman//podman.sock", "test").toString());
    }

    @Test
    void relativeUnixPathIsRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DockerHost.parse("unix://run/docker.sock", "test"));
        assertTrue(e.getMessage().contains("absolute path"), e.getMessage());
    }

    @Test
    void overlongSocketPathIsRejected() {
        String path = "/tmp/" + "x".repeat(110) + ".sock";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DockerHost.parse("unix://" + path, "test"));
        assertTrue(e.getMessage().contains("longer than the 107 bytes"), e.getMessage());
    }

    @Test
    void tcpNeedsAPort() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DockerHost.parse("tcp://dockerd", "test"));
        assertTrue(e.getMessage().contains("tcp://127.0.0.1:2375"), e.getMessage());
    }

    @Test
    void tlsIsRefusedRatherThanSilentlyDropped() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                DockerHost.resolve(null, Map.of("DOCKER_HOST", "tcp://dind:2376", "DOCKER_TLS_VERIFY", "1")));
        assertTrue(e.getMessage().contains("DOCKER_TLS_VERIFY is set, but TLS to the engine is not supported yet"), e.getMessage());
        assertTrue(e.getMessage().contains("from DOCKER_HOST"), e.getMessage());
    }

    @Test
    void sshAndUnknownSchemesAreRejected() {
        assertTrue(assertThrows(InvalidInputException.class, () -> DockerHost.parse("ssh://user@host", "test"))
                .getMessage().contains("ssh:// engines are not supported"));
        assertTrue(assertThrows(InvalidInputException.class, () -> DockerHost.parse("/var/run/docker.sock", "test"))
                .getMessage().contains("expected unix:///path/to.sock or tcp://host:port"));
    }
}
