package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;

/**
 * What happened (or, in a dry run, would happen) to one target.
 *
 * @param reference      the target as requested
 * @param previousDigest what the target tag pointed at before, {@code null} when it did not exist
 * @param changed        whether the tag was (or would be) moved
 */
public record TargetOutcome(ImageReference reference, Digest previousDigest, boolean changed) {
}
