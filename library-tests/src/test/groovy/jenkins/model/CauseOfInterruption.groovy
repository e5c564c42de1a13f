package jenkins.model

/** Test stand-in for {@code jenkins.model.CauseOfInterruption}. */
abstract class CauseOfInterruption implements Serializable {
    private static final long serialVersionUID = 1L

    abstract String getShortDescription()
}
