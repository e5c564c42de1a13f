package hudson.model;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Describable.java}
 * (abstract {@code getDescriptor()} as at 2.479.3; it became a default method in 2.505).
 */
public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
