package hudson.model;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Job.java}, only
 * as the type parameter bound of {@link Run}, {@link Item} (which it is through {@code AbstractItem}) and
 * {@link #getLastBuild()} (newest build, {@code null} when none; {@code @Exported @QuickSilver} there). Omitted:
 * {@code extends AbstractItem}, the other interfaces and every other member.
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> implements Item {
    private Job() {
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
