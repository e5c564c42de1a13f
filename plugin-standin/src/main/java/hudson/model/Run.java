package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.util.List;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Run.java}.
 * Only {@link #save()}, {@link #getCauses()}, {@link #getCause(Class)} (the first cause of that type, e.g. {@code Cause.UserIdCause}, or null), {@link #getUrl()} (relative, e.g. {@code job/app/42/}; listed in
 * /work/shared/reference/jenkins-api.md from that file) and the inherited {@link #addAction(Action)} (which calls {@code RunAction2.onAttached});
 * omitted: the implemented interfaces ({@code ExtensionPoint, Comparable, AccessControlled, PersistenceRoot, ...})
 * and all other members. Also {@link #getNumber()} ({@code @Exported(visibility = 2)} there), {@link #getParent()}
 * and {@link #getPreviousBuild()} (a lazy-loading link: each step back may load one build.xml).
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    private Run() {
    }

    @NonNull
    public String getUrl() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public List<Cause> getCauses() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public JobT getParent() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @CheckForNull
    public <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @CheckForNull
    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
