package io.imagepromotion.publish;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No engine at the Docker host: a clear error, quickly, before anything is tagged or pushed. */
class EngineUnavailableTest {
    @TempDir
    Path dir;

    private static EngineUnavailableException publishTo(DockerHost host) {
        ImagePublisher publisher = new ImagePublisher(TransportSettings.defaults(), PublishListener.SILENT);
        EngineUnavailableException e = assertThrows(EngineUnavailableException.class,
                () -> publisher.publish(PublishRequest.of("myapp:local", "127.0.0.1:5000/team/app:1", host)));
        assertEquals(ErrorKind.FAILURE, e.kind());
        System.out.println(e.getMessage());
        return e;
    }

    @Test
    void missingSocketNamesThePathAndWhereItCameFrom() {
        Path socket = dir.resolve("docker.sock");
        DockerHost host = DockerHost.resolve(null, Map.of("DOCKER_HOST", "unix://" + socket));
        EngineUnavailableException e = publishTo(host);
        assertTrue(e.getMessage().contains("the socket " + socket + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("(from DOCKER_HOST)"), e.getMessage());
    }

    @Test
    void socketFileWithoutListenerIsNoEngine() throws IOException {
        // A socket file left behind by an engine that died: it exists, but nobody accepts connections.
        Path socket = dir.resolve("stale.sock");
        try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(socket));
        }
        EngineUnavailableException e = publishTo(DockerHost.parse("unix://" + socket, "--docker-host"));
        assertTrue(e.getMessage().startsWith("no Docker engine answers at unix://" + socket + " (from --docker-host)"),
                e.getMessage());
    }

    @Test
    void closedTcpPortIsNoEngine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        EngineUnavailableException e = publishTo(DockerHost.parse("tcp://127.0.0.1:" + port, "--docker-host"));
        assertTrue(e.getMessage().startsWith("no Docker engine answers at tcp://127.0.0.1:" + port), e.getMessage());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused connections fail at once, without retries");
    }

    @Test
    void httpServiceThatIsNotAnEngineIsNamedSo() throws IOException {
        try (RegistryServer registry = RegistryServer.startPlain(dir.resolve("registry"))) {
            EngineUnavailableException e = publishTo(DockerHost.parse("tcp://" + registry.host(), "--docker-host"));
            assertTrue(e.getMessage().contains("is not a Docker engine API: _ping answered HTTP 404"), e.getMessage());
        }
    }
}
