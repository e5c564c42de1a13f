package io.jenkins.plugins.imagepromotion.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagepromotion.agent.AgentDispatch;
import io.jenkins.plugins.imagepromotion.agent.PublishOnAgent;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import io.jenkins.plugins.imagepromotion.args.PublishArguments;
import io.jenkins.plugins.imagepromotion.args.StepLabels;
import io.jenkins.plugins.imagepromotion.args.TextInput;
import io.jenkins.plugins.imagepromotion.form.CredentialsField;
import io.jenkins.plugins.imagepromotion.form.FieldChecks;
import io.jenkins.plugins.imagepromotion.form.Validations;
import io.jenkins.plugins.imagepromotion.model.PromotionAction;
import io.jenkins.plugins.imagepromotion.model.PublishOutcome;
import io.jenkins.plugins.imagepromotion.model.PublishRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code publishImage}: the first push of an image the build made, through the Docker-compatible engine of the
 * enclosing {@code node}'s agent, pinned to the digest the registry then serves. Returns {@code host/repo@sha256:…}
 * and records that digest's origin on the build. Holds only what the user typed; validation happens when the step
 * runs, in {@link PublishArguments}.
 */
public final class PublishImageStep extends Step {
    private final String image;
    private final String target;
    private String credentialsId;
    private String dockerHost;

    @DataBoundConstructor
    public PublishImageStep(String image, String target) {
        this.image = image;
        this.target = target;
    }

    public String getImage() {
        return image;
    }

    public String getTarget() {
        return target;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = TextInput.optional(credentialsId);
    }

    public String getDockerHost() {
        return dockerHost;
    }

    @DataBoundSetter
    public void setDockerHost(String dockerHost) {
        this.dockerHost = TextInput.optional(dockerHost);
    }

    PublishArguments arguments(Map<String, String> environment) {
        return PublishArguments.of(image, target, dockerHost, environment);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /**
     * Runs off the CPS thread; does not survive a controller restart. A re-run pushes the local image to the tag
     * again and returns whatever digest the registry serves for it then.
     */
    static final class Execution extends RegistryStepExecution<PublishImageStep, String> {
        private static final long serialVersionUID = 1L;

        Execution(PublishImageStep step, StepContext context) {
            super(step, context);
        }

        @Override
        protected String perform(PublishImageStep step, Run<?, ?> run, TaskListener listener, Launcher launcher) throws Exception {
            // The node block's environment: the agent's DOCKER_HOST, or one set with withEnv.
            EnvVars environment = getContext().get(EnvVars.class);
            PublishArguments args = step.arguments(environment);
            RegistryAccess access = RegistryAccessResolver.resolve(run, listener, args.targetRegistry(), List.of(),
                    step.getCredentialsId(), null);
            PublishOutcome outcome = AgentDispatch.call(launcher, new PublishOnAgent(args, access, listener));
            PromotionAction.recordOrigin(run, PublishRecord.of(outcome, System.currentTimeMillis()));
            return outcome.pinnedReference();
        }
    }

    @Extension
    @Symbol("publishImage")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "publishImage";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Publish a locally built container image and pin its digest";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // Launcher required: the local image and the engine are on the agent of a node block. Outside one the
            // step would use the controller's engine, which a Pipeline must not reach.
            return Set.of(Run.class, TaskListener.class, Launcher.class);
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return StepLabels.publish(namedArgs);
        }

        @POST
        public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> FieldChecks.localImage(value));
        }

        @POST
        public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> FieldChecks.publishTarget(value));
        }

        @POST
        public FormValidation doCheckDockerHost(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> FieldChecks.dockerHost(value));
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String target,
                                                     @QueryParameter String credentialsId) {
            return CredentialsField.fillForImage(item, credentialsId, target);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String target,
                                                   @QueryParameter String value) {
            return CredentialsField.checkForImage(item, value, target);
        }
    }
}
