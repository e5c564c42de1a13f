/**
 * Removed: this run's promotions are recorded by the image-promotion plugin now, not by the library.
 * Kept only so that a Jenkinsfile still calling it fails with a message that says what to use instead
 * (see promotionRecords.txt).
 */
def call() {
    error('promotionRecords() was removed from the image-promotion library: its records lived in env, which any ' +
            'script can write. The plugin records every promotion in the build, with its approvals as Jenkins saw ' +
            'them. Use the Map that promoteTo or promoteThrough returns (digest, targets, approvals), the build ' +
            "page's promotion summary, or the job's Promotions page and its REST API (JOB_URL/promotions/api/json).")
}
