package io.jenkins.plugins.imagepromotion;

import static org.junit.jupiter.api.Assertions.assertFalse;

import hudson.model.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** What the Pipeline tests share: one new sandboxed Pipeline job per build, and a search of a build's files for a secret. */
final class PipelineBuilds {
    private static final AtomicInteger JOBS = new AtomicInteger();

    private PipelineBuilds() {
    }

    /** Runs {@code script} in a new job named {@code jobPrefix} plus a number, and asserts the build's result. */
    static WorkflowRun run(JenkinsRule j, String jobPrefix, String script, Result expected) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, jobPrefix + JOBS.incrementAndGet());
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(expected, job);
    }

    /** Fails if any file the build left (build.xml, log, program state) contains {@code secret}. */
    static void assertNowhereOnDisk(String secret, WorkflowRun build) throws IOException {
        try (Stream<Path> files = Files.walk(build.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(secret), "secret found in " + file);
            }
        }
    }
}
