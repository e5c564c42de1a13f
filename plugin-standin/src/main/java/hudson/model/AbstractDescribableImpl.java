package hudson.model;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/AbstractDescribableImpl.java}
 * (not yet deprecated at 2.479.3; deprecated since 2.505).
 */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
