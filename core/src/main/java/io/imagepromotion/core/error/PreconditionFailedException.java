package io.imagepromotion.core.error;

/** A compare-and-set precondition on a target tag did not hold; the target was not written. Exit code 3. */
public class PreconditionFailedException extends ImagePromotionException {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final String expected;
    private final String actual;

    /**
     * @param expected the digest the caller expected, or {@code null} when it expected the tag to be absent
     * @param actual   the digest found, or {@code null} when the tag is absent
     */
    public PreconditionFailedException(String message, String target, String expected, String actual) {
        super(message);
        this.target = target;
        this.expected = expected;
        this.actual = actual;
    }

    public String target() {
        return target;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }

    /** True when the target was written and then found overwritten by another writer ({@link TagOverwrittenException}). */
    public boolean lostRace() {
        return false;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.PRECONDITION_FAILED;
    }
}
