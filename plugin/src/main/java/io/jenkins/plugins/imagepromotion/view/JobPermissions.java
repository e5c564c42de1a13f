package io.jenkins.plugins.imagepromotion.view;

/**
 * What the current user may do with the job whose board is shown: view it (Item/Read) and run the live registry
 * check (Item/Build, as starting a build would use the same credentials). Jenkins' answer in {@link JenkinsJobs}.
 */
public interface JobPermissions {
    boolean mayRead();

    boolean mayBuild();

    /** @throws org.springframework.security.access.AccessDeniedException (403) when the user may not */
    void checkRead();

    /** @throws org.springframework.security.access.AccessDeniedException (403) when the user may not */
    void checkBuild();
}
