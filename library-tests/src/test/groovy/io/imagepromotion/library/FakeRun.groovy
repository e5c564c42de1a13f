package io.imagepromotion.library

/**
 * The {@code currentBuild} global (RunWrapper), and the run's causes for the fake plugin's forbidSelfApproval: {@code getBuildCauses(className)}
 * returns a List of Maps, one per matching cause, as RunWrapper returns a JSONArray of JSONObjects.
 * Serializable because the CPS test mode serializes the binding at every step.
 */
class FakeRun implements Serializable {
    private static final long serialVersionUID = 1L

    String result = 'SUCCESS'
    /** User IDs of the run's Cause$UserIdCause entries. */
    List<String> startedBy = []

    List<Map> getBuildCauses(String className) {
        if (className != 'hudson.model.Cause$UserIdCause') {
            return []
        }
        return startedBy.collect { String id ->
            [_class: 'hudson.model.Cause$UserIdCause', shortDescription: "Started by user ${id}".toString(),
             userId: id, userName: id]
        }
    }
}
