package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Action.java}.
 * The three abstract methods of 2.479.3; none of the default methods added after it.
 */
public interface Action extends ModelObject {
    @CheckForNull
    String getIconFileName();

    @Override
    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
