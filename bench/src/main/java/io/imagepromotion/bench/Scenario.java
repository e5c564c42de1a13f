package io.imagepromotion.bench;

/**
 * The promotions measured, with the protocol minimum request count (registry-behaviour.md §3) and the time
 * targets (ours / skopeo, medians).
 */
enum Scenario {
    RETAG("retag, same repository"),
    RETAG_PRESENT("retag, target already at the digest"),
    CROSS_REPOSITORY("cross-repository, same registry"),
    CROSS_REGISTRY("cross-registry, into an empty registry");

    final String label;

    Scenario(String label) {
        this.label = label;
    }

    /**
     * Fewest requests that do the job when the source is given by digest. Retag: GET manifest + PUT (children are
     * already in the repository). Already there: one HEAD of the target. Cross-repository: GET + one mount per blob +
     * PUT, plus GET and PUT of every child manifest. Cross-registry: GET + (GET, POST, PUT) per blob + PUT, plus GET
     * and PUT of every child manifest.
     */
    int minimumRequests(BenchImage image) {
        int children = 2 * image.childManifests();
        return switch (this) {
            case RETAG -> 2;
            case RETAG_PRESENT -> 1;
            case CROSS_REPOSITORY -> image.blobs() + 2 + children;
            case CROSS_REGISTRY -> 3 * image.blobs() + 2 + children;
        };
    }

    /**
     * Our safety reads per written target: the HEAD of the target before any write (previous digest, compare-and-set,
     * and the one request that suffices when the target is already there) and the read-back HEAD after the tag write,
     * which catches a concurrent writer that overwrote it (docs/reliability.md).
     */
    int safetyReads() {
        return this == RETAG_PRESENT ? 0 : 2;
    }

    /**
     * The requests that look for the source digest's referrers when the image goes to another repository: one
     * {@code tags/list} read and one referrers-API probe at the source (docs/benchmarks.md, issue 13). The benchmark's
     * images have none, so nothing else is sent for them.
     */
    int referrerDiscovery() {
        return this == CROSS_REPOSITORY || this == CROSS_REGISTRY ? 2 : 0;
    }

    /** The ceiling for in-process time / skopeo time. */
    double inProcessTarget() {
        return this == CROSS_REGISTRY ? 1.0 : 0.25;
    }

    /** The ceiling for whole-process bin/promote time / skopeo time; NaN where the issue sets none. */
    double processTarget() {
        return this == CROSS_REPOSITORY || this == CROSS_REGISTRY ? 1.0 : Double.NaN;
    }
}
