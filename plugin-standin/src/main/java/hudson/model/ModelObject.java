package hudson.model;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/ModelObject.java}.
 */
public interface ModelObject {
    String getDisplayName();
}
