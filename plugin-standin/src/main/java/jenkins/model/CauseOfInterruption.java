package jenkins.model;

import java.io.Serializable;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/jenkins/model/CauseOfInterruption.java}. Only the abstract
 * {@link #getShortDescription()}; omitted: {@code print(TaskListener)} and the nested {@code UserInterruption}.
 */
public abstract class CauseOfInterruption implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract String getShortDescription();
}
