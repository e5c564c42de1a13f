package io.jenkins.plugins.imagepromotion.view;

import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.imagepromotion.model.PromotionAction;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import jenkins.model.Jenkins;

/** The Jenkins side of a job's board: its builds, newest first, and the current user's permissions on it. */
final class JenkinsJobs {
    private JenkinsJobs() {
    }

    /**
     * The job's builds newest first, walked lazily from {@code getLastBuild()} by {@code getPreviousBuild()}: a caller
     * that stops after N builds has loaded N builds, never {@code getBuilds()} in full.
     */
    static Iterable<PromotedBuild> newestFirst(Job<?, ?> job) {
        return () -> new Iterator<>() {
            private Run<?, ?> next = job.getLastBuild();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public PromotedBuild next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Run<?, ?> run = next;
                next = run.getPreviousBuild();
                PromotionAction action = run.getAction(PromotionAction.class);
                return new PromotedBuild(run.getNumber(), absolute(run.getUrl()),
                        action == null ? List.of() : action.getRecords());
            }
        };
    }

    static Run<?, ?> build(Job<?, ?> job, int number, int maxBuilds) {
        Run<?, ?> run = job.getLastBuild();
        for (int i = 0; run != null && i < maxBuilds; i++, run = run.getPreviousBuild()) {
            if (run.getNumber() == number) {
                return run;
            }
        }
        return null;
    }

    private static String absolute(String url) {
        String root = Jenkins.get().getRootUrl();
        return root == null ? url : root + url;
    }

    static JobPermissions permissions(Job<?, ?> job) {
        return new JobPermissions() {
            @Override
            public boolean mayRead() {
                return job.hasPermission(Item.READ);
            }

            @Override
            public boolean mayBuild() {
                return job.hasPermission(Item.BUILD);
            }

            @Override
            public void checkRead() {
                job.checkPermission(Item.READ);
            }

            @Override
            public void checkBuild() {
                job.checkPermission(Item.BUILD);
            }
        };
    }
}
