package hudson.model;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/BuildBadgeAction.java}.
 * Implementations provide a {@code badge.jelly} view.
 */
public interface BuildBadgeAction extends Action {
}
