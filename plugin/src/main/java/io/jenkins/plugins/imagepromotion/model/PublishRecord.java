package io.jenkins.plugins.imagepromotion.model;

import io.imagepromotion.core.ref.ImageReference;
import java.io.Serializable;
import java.time.Instant;

/**
 * Where a digest came from, as the build remembers it (in {@code build.xml}): which local image of which engine was
 * pushed as which tag, the digest the registry then served, and when. Strings and numbers only; never a credential.
 * A plain class (not a record) because build actions are stored with XStream.
 */
public final class PublishRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final String pinnedReference;
    private final String digest;
    private final String mediaType;
    private final String localImage;
    private final String localImageId;
    private final long timestamp;

    private PublishRecord(PublishOutcome outcome, long timestamp) {
        this.target = outcome.target();
        this.pinnedReference = outcome.pinnedReference();
        this.digest = outcome.digest();
        this.mediaType = outcome.mediaType();
        this.localImage = outcome.localImage();
        this.localImageId = outcome.localImageId();
        this.timestamp = timestamp;
    }

    /** @param timestamp when the publish finished, epoch milliseconds */
    public static PublishRecord of(PublishOutcome outcome, long timestamp) {
        return new PublishRecord(outcome, timestamp);
    }

    /** The tag that was pushed. */
    public String getTarget() {
        return target;
    }

    /** {@code host/repo@sha256:…} */
    public String getPinnedReference() {
        return pinnedReference;
    }

    public String getDigest() {
        return digest;
    }

    public String getMediaType() {
        return mediaType;
    }

    /** The local image as the pipeline named it, e.g. {@code myapp:local}. */
    public String getLocalImage() {
        return localImage;
    }

    /** The engine's image ID, {@code sha256:…}. */
    public String getLocalImageId() {
        return localImageId;
    }

    public long getTimestamp() {
        return timestamp;
    }

    /** ISO-8601 UTC time, for the build page. */
    public String getTime() {
        return Instant.ofEpochMilli(timestamp).toString();
    }

    /** Short form for lists: {@code myapp:local → app@sha256:abcd1234ef56}. */
    public String getLabel() {
        return localImage + " \u2192 " + ImageReference.parse(pinnedReference).shortLabel();
    }
}
