package io.imagepromotion.core.error;

/**
 * A tag this promotion wrote was found at another digest when it was read back: a concurrent writer (on another
 * machine, or one that bypassed the lock) moved it after, or at the same time as, this promotion's write. The
 * promotion lost the race and does not report success. Exit code 3, like any failed compare-and-set.
 */
public class TagOverwrittenException extends PreconditionFailedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param written the digest this promotion wrote
     * @param now     the digest the tag holds now, or {@code null} when it is gone
     */
    public TagOverwrittenException(String target, String written, String now) {
        super("target " + target + " was overwritten by a concurrent writer (now at " + (now == null ? "nothing: deleted" : now)
                + ") right after this promotion wrote " + written + "; this promotion did not take effect. Check who else"
                + " promotes to it, then promote again (with --expect-current " + (now == null ? "or --expect-absent" : now)
                + " to take the other writer's result into account)", target, written, now);
    }

    @Override
    public boolean lostRace() {
        return true;
    }
}
