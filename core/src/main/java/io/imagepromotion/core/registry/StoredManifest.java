package io.imagepromotion.core.registry;

import io.imagepromotion.core.digest.Digest;

/**
 * The registry's answer to a manifest PUT. {@code confirmed} says the registry named the stored digest in its
 * {@code Docker-Content-Digest} header and it equals the digest of the bytes sent; that answer, to the PUT of that
 * very tag, proves what the tag references without another request. Without it, a caller that must prove the tag
 * reads it back.
 */
public record StoredManifest(Digest digest, boolean confirmed) {
}
