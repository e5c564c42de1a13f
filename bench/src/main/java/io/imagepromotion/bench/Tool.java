package io.imagepromotion.bench;

/** Who performs a promotion in a run. */
enum Tool {
    SKOPEO("skopeo", "skopeo 1.9.3 (cold blob-info cache, unprivileged user)"),
    IN_PROCESS("in-process", "ours in-process (ImagePromoter in this warm JVM, as the Jenkins step runs it)"),
    PROCESS("bin/promote", "ours, whole process: bin/promote copy as shipped (its CDS archive already made)"),
    PROCESS_NO_CDS("bin/promote, CDS off", "ours, whole process with PROMOTE_CDS=off (JDK default CDS only), to show what the archive gives");

    final String label;
    final String description;

    Tool(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** Short, repository-name-safe key. */
    String key() {
        return switch (this) {
            case SKOPEO -> "sk";
            case IN_PROCESS -> "ip";
            case PROCESS -> "bp";
            case PROCESS_NO_CDS -> "nocds";
        };
    }
}
