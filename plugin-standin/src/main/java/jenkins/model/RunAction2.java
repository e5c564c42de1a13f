package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/jenkins/model/RunAction2.java}.
 */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
