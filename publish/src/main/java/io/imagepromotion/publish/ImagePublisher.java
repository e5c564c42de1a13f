package io.imagepromotion.publish;

import io.imagepromotion.core.auth.Credential;
import io.imagepromotion.core.error.ContentMismatchException;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.promote.ResolvedImage;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.transport.TransportSettings;

import java.util.Objects;

/**
 * The first push of a locally built image: tag it in the engine, push it with the registry credentials, then ask
 * the registry (not the engine) which digest the tag now has.
 *
 * <p>Why the registry: podman lists every local name with every stored manifest digest in {@code RepoDigests}, even
 * for names never pushed, and the engine re-serializes and may recompress on push, so only the registry knows the
 * digest that was written. The same {@link TransportSettings} (credentials, CA certificates) serve the engine's
 * {@code X-Registry-Auth} and the registry lookup.
 *
 * <p>Failures leave the target tag as it was: the engine writes the manifest (and so the tag) last, and an error
 * anywhere before that (missing image, refused credentials, unreachable registry) stops the push first.
 */
public final class ImagePublisher {
    private final TransportSettings settings;
    private final PublishListener listener;

    public ImagePublisher(TransportSettings settings, PublishListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public PublishResult publish(PublishRequest request) {
        ImageReference target = request.target();
        if ("latest".equals(target.tag())) {
            listener.warning("pushing to " + target + ": promote from an immutable tag such as the commit SHA, not latest");
        }
        Credential credential = settings.credentials().credentialFor(target.registry());
        EngineConnection.PushOutcome outcome;
        String imageId;
        try (EngineConnection engine = EngineConnection.open(request.dockerHost(), request.pushTimeout())) {
            listener.connected(request.dockerHost(), engine.describe());
            imageId = engine.imageId(request.localImage());
            engine.tag(imageId, target);
            listener.tagged(request.localImage(), imageId, target);
            outcome = engine.push(target, RegistryAuth.forPush(credential, target.registry()), request.pushTimeout(),
                    listener::pushStatus);
        }
        ResolvedImage resolved;
        try (ImagePromoter registry = new ImagePromoter(settings, new PromotionListener() {
            @Override
            public void warning(String message) {
                listener.warning(message);
            }
        })) {
            resolved = registry.resolve(target);
        }
        listener.resolved(target, resolved.digest(), resolved.mediaType());
        if (outcome.reportedDigest() != null && !outcome.reportedDigest().equals(resolved.digest())) {
            throw new ContentMismatchException("the engine reported pushing " + target + " as " + outcome.reportedDigest()
                    + ", but the registry now serves " + resolved.digest() + " for that tag: another push moved it"
                    + " meanwhile; use a tag only this build writes (e.g. the commit SHA)");
        }
        return new PublishResult(target, resolved.digest(), resolved.mediaType(), imageId, outcome.reportedDigest());
    }
}
