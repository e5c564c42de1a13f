package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Actionable.java}.
 * Only {@link #addAction(Action)} and {@link #getAction(Class)}; omitted: {@code implements ModelObjectWithContextMenu}.
 */
public abstract class Actionable {
    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
