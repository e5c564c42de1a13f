package io.imagepromotion.library

/**
 * The run: its result, set by the {@code error} step, and the users of its Cause$UserIdCause entries, whom the fake
 * plugin's tally leaves out under forbidSelfApproval (the real plugin reads them from the run itself).
 * Bound as {@code currentBuild}; Serializable because the CPS test mode serializes the binding at every step.
 */
class FakeRun implements Serializable {
    private static final long serialVersionUID = 1L

    String result = 'SUCCESS'
    /** User IDs of the run's Cause$UserIdCause entries. */
    List<String> startedBy = []
}
