package io.imagepromotion.library

import hudson.AbortException

/**
 * Stands in for the image-promotion plugin's steps, following their contract: a registry reduced to a map of tag
 * references to digests. {@code resolveImageDigest} pins tags; {@code promoteImage} plans (dryRun) without writing,
 * and otherwise refuses with an AbortException when {@code expectCurrent}/{@code expectAbsent} does not match the
 * target, exactly when the real step reports a conflict.
 */
class FakePromotionPlugin {
    static final String MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json'

    /** The parameters and types the real steps declare (@DataBoundConstructor/@DataBoundSetter). */
    static final Map<String, Class> PROMOTE_IMAGE_PARAMETERS = [
            image: String, target: String, targets: List, credentialsId: String, targetCredentialsId: String,
            expectCurrent: String, expectAbsent: Boolean, dryRun: Boolean, environment: String, approvedBy: String,
            signingKeyCredentialsId: String]
    static final Map<String, Class> RESOLVE_IMAGE_DIGEST_PARAMETERS = [image: String, credentialsId: String]

    /** Tag reference -> digest: the registry state. */
    final Map<String, String> tags = [:]
    final List<Map> resolveCalls = []
    final List<Map> promoteCalls = []
    /** What a dry run reports as bytes to copy, and a real run as copied. */
    long bytesToCopy = 52_428_800L
    /** Runs before a real (non-dry) promotion: lets a test move the target behind the plan's back. */
    Closure beforePromotion = null
    /** Every plugin-step call in order, shared with the test's event list. */
    List<String> events

    FakePromotionPlugin(List<String> events) {
        this.events = events
    }

    String resolveImageDigest(Map args) {
        checkParameters('resolveImageDigest', args, RESOLVE_IMAGE_DIGEST_PARAMETERS)
        resolveCalls.add(new LinkedHashMap(args))
        events.add("resolveImageDigest ${args.image}".toString())
        String image = args.image
        if (image.contains('@')) {
            return image
        }
        String digest = tags[image]
        if (digest == null) {
            throw new AbortException("resolveImageDigest: ${image}: manifest unknown")
        }
        return repositoryOf(image) + '@' + digest
    }

    Map promoteImage(Map args) {
        checkParameters('promoteImage', args, PROMOTE_IMAGE_PARAMETERS)
        promoteCalls.add(new LinkedHashMap(args))
        boolean dryRun = args.dryRun == true
        events.add("promoteImage${dryRun ? ' dryRun' : ''} ${args.target}".toString())
        String source = args.image
        assert source.contains('@sha256:'): 'the promotion source must be pinned'
        String digest = source.substring(source.lastIndexOf('@') + 1)
        String target = args.target
        if (!dryRun && beforePromotion != null) {
            beforePromotion.call(target)
        }
        String previous = tags[target]
        if (!dryRun) {
            if (args.containsKey('expectCurrent') && previous != args.expectCurrent) {
                throw new AbortException("promoteImage: conflict: ${target} is ${previous ?: 'absent'}, expected ${args.expectCurrent}; nothing was written")
            }
            if (args.expectAbsent == true && previous != null) {
                throw new AbortException("promoteImage: conflict: ${target} exists (${previous}), expected it absent; nothing was written")
            }
            tags[target] = digest
        }
        boolean changed = previous != digest
        return [source         : source,
                digest         : digest,
                mediaType      : MEDIA_TYPE,
                targets        : [[reference: target, previousDigest: previous, changed: changed]],
                changed        : changed,
                blobsMounted   : 0,
                blobsCopied    : dryRun ? 0 : 3,
                blobsSkipped   : 0,
                bytesCopied    : changed ? bytesToCopy : 0L,
                manifestsPushed: dryRun ? 0 : 1,
                requests       : 7,
                dryRun         : dryRun,
                // as the plugin's ResultMap: one record per target tag when an environment is named
                ledger         : (args.environment && !dryRun) ? [[target: target, recorded: true,
                                  record: 'sha256:' + '0' * 64, signed: args.signingKeyCredentialsId != null,
                                  reason: null]] : [],
                recorded       : true]
    }

    /** Fails like Jenkins does when a step gets a parameter it does not declare, or a value of the wrong type. */
    static void checkParameters(String step, Map args, Map<String, Class> declared) {
        args.each { key, value ->
            Class type = declared[key as String]
            if (type == null) {
                throw new IllegalArgumentException("${step} has no parameter '${key}'")
            }
            if (value != null && !type.isInstance(value)) {
                throw new IllegalArgumentException("${step}: ${key} must be ${type.simpleName}, got ${value.getClass().simpleName}")
            }
        }
        if (!(args.image instanceof String)) {
            throw new IllegalArgumentException("${step}: image is required")
        }
    }

    List<Map> dryRuns() {
        return promoteCalls.findAll { it.dryRun == true }
    }

    /** The calls that could write: every promoteImage call without dryRun. */
    List<Map> promotions() {
        return promoteCalls.findAll { it.dryRun != true }
    }

    static String repositoryOf(String tagReference) {
        int slash = tagReference.lastIndexOf('/')
        int colon = tagReference.lastIndexOf(':')
        return colon > slash ? tagReference.substring(0, colon) : tagReference
    }
}
