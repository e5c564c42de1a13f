package io.jenkins.plugins.imagepromotion.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.publish.DockerHost;
import io.imagepromotion.publish.PublishRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PublishArgumentsTest {
    static final String IMAGE = "myapp:local";
    static final String TARGET = "registry.example.com/team/myapp:1f2e3d4";

    static InvalidInputException refused(String image, String target, String dockerHost, Map<String, String> env) {
        return assertThrows(InvalidInputException.class, () -> PublishArguments.of(image, target, dockerHost, env));
    }

    @Test
    void theStepsDockerHostWinsOverTheEnvironment() {
        PublishArguments args = PublishArguments.of(IMAGE, TARGET, "tcp://127.0.0.1:2375/",
                Map.of("DOCKER_HOST", "unix:///run/other.sock"));
        assertEquals("tcp://127.0.0.1:2375", args.dockerHost().toString());
        assertEquals("dockerHost", args.dockerHost().source());
    }

    @Test
    void withoutItTheEnvironmentsDockerHostIsUsed() {
        PublishArguments args = PublishArguments.of(IMAGE, TARGET, " ", Map.of("DOCKER_HOST", "unix:///run/podman/podman.sock"));
        assertEquals("unix:///run/podman/podman.sock", args.dockerHost().toString());
        assertEquals("DOCKER_HOST", args.dockerHost().source());
    }

    @Test
    void theEnvironmentIsReadThroughTheMapSoEnvVarsCaseRulesApply() {
        // hudson.EnvVars compares names case-insensitively; the resolution only uses Map.get.
        Map<String, String> envVars = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        envVars.put("Docker_Host", "unix:///run/user/1000/podman/podman.sock");
        assertEquals("unix:///run/user/1000/podman/podman.sock",
                PublishArguments.of(IMAGE, TARGET, null, envVars).dockerHost().toString());
    }

    @Test
    void withNeitherTheDefaultSocketIsUsedAndSaysWhy() {
        DockerHost host = PublishArguments.of(IMAGE, TARGET, null, null).dockerHost();
        assertEquals(DockerHost.DEFAULT_SOCKET, host.toString());
        assertTrue(host.source().contains("DOCKER_HOST is not set"), host.source());
        assertEquals(DockerHost.DEFAULT_SOCKET, PublishArguments.of(IMAGE, TARGET, null, Map.of("DOCKER_HOST", "")).dockerHost()
                .toString());
    }

    @Test
    void aBadEngineAddressNamesWhereItCameFrom() {
        InvalidInputException explicit = refused(IMAGE, TARGET, "ssh://builder", Map.of());
        assertTrue(explicit.getMessage().contains("from dockerHost"), explicit.getMessage());
        InvalidInputException fromEnv = refused(IMAGE, TARGET, null, Map.of("DOCKER_HOST", "unix://relative.sock"));
        assertTrue(fromEnv.getMessage().contains("from DOCKER_HOST"), fromEnv.getMessage());
        InvalidInputException tls = refused(IMAGE, TARGET, null, Map.of("DOCKER_HOST", "tcp://dind:2376", "DOCKER_TLS_VERIFY", "1"));
        assertTrue(tls.getMessage().contains("TLS"), tls.getMessage());
    }

    @Test
    void theLocalImageIsRequiredAndNamedAsTheEngineNamesIt() {
        assertTrue(refused(null, TARGET, null, Map.of()).getMessage().startsWith("image is missing"));
        assertTrue(refused(" ", TARGET, null, Map.of()).getMessage().startsWith("image is missing"));
        assertTrue(refused("my app:local", TARGET, null, Map.of()).getMessage().contains("white space"));
        assertTrue(refused("docker://myapp:local", TARGET, null, Map.of()).getMessage().contains("has a scheme"));
        assertEquals("sha256:0123abcd", PublishArguments.of(" sha256:0123abcd ", TARGET, null, Map.of()).image());
    }

    @Test
    void theTargetMustNameATagAndNoDigest() {
        assertTrue(refused(IMAGE, null, null, Map.of()).getMessage().startsWith("target is missing"));
        InvalidInputException noTag = refused(IMAGE, "registry.example.com:5000/team/myapp", null, Map.of());
        assertTrue(noTag.getMessage().contains("names no tag"), noTag.getMessage());
        assertTrue(noTag.getMessage().contains("registry.example.com:5000/team/myapp:${GIT_COMMIT}"), noTag.getMessage());
        InvalidInputException digest = refused(IMAGE, "registry.example.com/team/myapp@sha256:" + "a".repeat(64), null, Map.of());
        assertTrue(digest.getMessage().contains("names a digest"), digest.getMessage());
        InvalidInputException bad = refused(IMAGE, "https://registry.example.com/team/myapp:1", null, Map.of());
        assertTrue(bad.getMessage().startsWith("target: "), bad.getMessage());
    }

    @Test
    void theTargetIsNormalizedAndNamesItsRegistry() {
        PublishArguments args = PublishArguments.of(IMAGE, " " + TARGET + " ", null, Map.of());
        assertEquals(TARGET, args.target());
        assertEquals("registry.example.com", args.targetRegistry());
        assertEquals("docker.io/myorg/myapp:1", PublishArguments.of(IMAGE, "myorg/myapp:1", null, Map.of()).target());
    }

    @Test
    void onlyStringsTravelAndTheRequestIsTheSameOnTheOtherSide() throws Exception {
        PublishArguments args = PublishArguments.of(IMAGE, TARGET, null, Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(args);
        }
        PublishArguments copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (PublishArguments) in.readObject();
        }
        PublishRequest request = copy.toRequest();
        assertEquals(IMAGE, request.localImage());
        assertEquals(TARGET, request.target().toString());
        assertEquals("tcp://127.0.0.1:2375", request.dockerHost().toString());
        assertEquals("DOCKER_HOST", request.dockerHost().source());
        assertEquals(args.toRequest(), request);
    }
}
