package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/jenkins/model/GlobalConfiguration.java}.
 * Omitted: {@code all()}, {@code getCategory()}, {@code getGlobalConfigPage()}.
 */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {
    protected GlobalConfiguration() {
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
