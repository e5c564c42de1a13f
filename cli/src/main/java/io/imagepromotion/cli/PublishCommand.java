package io.imagepromotion.cli;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.publish.DockerHost;
import io.imagepromotion.publish.ImagePublisher;
import io.imagepromotion.publish.PublishListener;
import io.imagepromotion.publish.PublishRequest;
import io.imagepromotion.publish.PublishResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "publish", description = {
        "Push LOCAL_IMAGE from a Docker-compatible engine to TARGET once, then print the digest the registry serves for"
                + " it as host/repository@sha256:... (the last line of stdout). Promote from that reference afterwards.",
        "The engine: --docker-host, else $DOCKER_HOST, else the Docker socket /var/run/docker.sock.",
        "", "Examples:",
        "  promote publish myapp:local registry.example.com/team/myapp:$GIT_COMMIT",
        "  promote publish --docker-host unix:///run/podman/podman.sock \\",
        "      --dest-creds ci myapp:local registry.example.com/team/myapp:$GIT_COMMIT < password.txt"},
        sortOptions = false)
final class PublishCommand implements Callable<Integer> {
    private final PromoteMain.Console console;

    @Parameters(index = "0", paramLabel = "LOCAL_IMAGE", description = "The image in the engine: name:tag or image ID.")
    String localImage;

    @Parameters(index = "1", paramLabel = "TARGET", description = "Where to push: host/repository:tag (an immutable tag).")
    String target;

    @Option(names = "--docker-host", paramLabel = "URI",
            description = "The engine: unix:///path/to.sock or tcp://host:port (default: $DOCKER_HOST).")
    String dockerHost;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    PublishCommand(PromoteMain.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        DockerHost host = DockerHost.resolve(dockerHost, "--docker-host", console.environment());
        PublishRequest request = PublishRequest.of(localImage, target, host);
        ImageReference ref = request.target();
        // The push goes to the target registry only: --dest-creds (or the docker config) covers the engine and the lookup.
        ImagePublisher publisher = new ImagePublisher(registry.settings(console, ref, List.of(ref)), new StderrPublishProgress());
        PublishResult result = publisher.publish(request);
        console.out().println(result.pinned());
        return 0;
    }

    /** Engine and push progress to stderr; stdout carries only the pinned reference. */
    private final class StderrPublishProgress implements PublishListener {
        @Override
        public void connected(DockerHost host, String description) {
            console.err().println("engine " + host + " (" + host.source() + "): " + description);
        }

        @Override
        public void tagged(String local, String imageId, ImageReference tagged) {
            console.err().println("tagged " + local + " (" + imageId + ") as " + tagged);
        }

        @Override
        public void pushStatus(String line) {
            console.err().println("  " + line);
        }

        @Override
        public void resolved(ImageReference tagged, Digest digest, String mediaType) {
            console.err().println("registry serves " + tagged + " as " + digest + " (" + mediaType + ")");
        }

        @Override
        public void warning(String message) {
            console.err().println("warning: " + message);
        }
    }
}
