package io.jenkins.plugins.imagepromotion.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.Action;
import hudson.model.Item;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * What the gate's Pipeline tests share: users (DummySecurityRealm: the password is the user name) with build rights,
 * erin in group release-managers, root an administrator; a job; the pending round's input; an authenticated,
 * crumbed POST to it, as the Approve and Abort buttons of Pipeline Graph View and the console send.
 */
final class GatePipelines {
    private GatePipelines() {
    }

    static void security(JenkinsRule j) {
        JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
        realm.addGroups("erin", "release-managers");
        j.jenkins.setSecurityRealm(realm);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("root")
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("alice", "bob", "carol", "dave", "erin"));
    }

    static WorkflowJob job(JenkinsRule j, String name, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    static WorkflowRun start(WorkflowJob job, Action... actions) throws Exception {
        return job.scheduleBuild2(0, actions).waitForStart();
    }

    /** The pending input of round {@code round} (its id ends in {@code -r<round>}), once the step has started it. */
    static InputStepExecution pendingRound(WorkflowRun b, int round) throws Exception {
        for (int i = 0; i < 1200; i++) {
            InputAction action = b.getAction(InputAction.class);
            if (action != null) {
                for (InputStepExecution e : action.getExecutions()) {
                    if (e.getId().endsWith("-r" + round) && !e.isSettled()) {
                        return e;
                    }
                }
            }
            if (!b.isBuilding()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("round " + round + " of " + b + " never became pending");
    }

    /** POSTs {@code proceedEmpty} or {@code abort} to the input as {@code user}; returns the HTTP status. */
    static int answer(JenkinsRule j, WorkflowRun b, InputStepExecution input, String user, String verb) throws Exception {
        try (JenkinsRule.WebClient wc = j.createWebClient()) {
            wc.setThrowExceptionOnFailingStatusCode(false);
            wc.login(user);
            Page page = wc.getPage(new WebRequest(wc.createCrumbedUrl(b.getUrl() + "input/" + input.getId() + "/"
                    + verb), HttpMethod.POST));
            return page.getWebResponse().getStatusCode();
        }
    }

    static void approve(JenkinsRule j, WorkflowRun b, int round, String user) throws Exception {
        assertEquals(200, answer(j, b, pendingRound(b, round), user, "proceedEmpty"), user + " approves round " + round);
    }
}
