package hudson.model;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Job.java}, only
 * as the type parameter bound of {@link Run}. Omitted: {@code extends AbstractItem} and every member.
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    private Job() {
    }
}
