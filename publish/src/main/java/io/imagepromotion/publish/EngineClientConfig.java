package io.imagepromotion.publish;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;

import java.net.URI;

/**
 * docker-java configuration with nothing but the engine address. docker-java's default configuration reads
 * {@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY}, system properties, {@code ~/.docker-java.properties} and the current
 * docker context from {@code ~/.docker/config.json}; on a Jenkins agent those belong to the agent process, not to the
 * build, so none of them may decide which engine or which credentials are used.
 *
 * <p>The API version stays unset, so requests go to unversioned paths and each engine answers with its own current
 * version: a fixed old version is refused by newer Docker engines (Docker 29 requires at least 1.44).
 */
final class EngineClientConfig implements DockerClientConfig {
    private final URI dockerHost;

    EngineClientConfig(URI dockerHost) {
        this.dockerHost = dockerHost;
    }

    @Override
    public URI getDockerHost() {
        return dockerHost;
    }

    @Override
    public RemoteApiVersion getApiVersion() {
        return RemoteApiVersion.UNKNOWN_VERSION;
    }

    @Override
    public String getRegistryUsername() {
        return null;
    }

    @Override
    public String getRegistryPassword() {
        return null;
    }

    @Override
    public String getRegistryEmail() {
        return null;
    }

    @Override
    public String getRegistryUrl() {
        return null;
    }

    /** Never consulted: every push carries its own auth. */
    @Override
    public AuthConfig effectiveAuthConfig(String imageName) {
        return null;
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        return new AuthConfigurations();
    }

    @Override
    public SSLConfig getSSLConfig() {
        return null;
    }
}
