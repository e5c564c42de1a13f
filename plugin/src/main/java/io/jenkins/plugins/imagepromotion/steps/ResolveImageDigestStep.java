package io.jenkins.plugins.imagepromotion.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.imagepromotion.core.ref.ImageReference;
import io.jenkins.plugins.imagepromotion.agent.AgentDispatch;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import io.jenkins.plugins.imagepromotion.agent.ResolveOnAgent;
import io.jenkins.plugins.imagepromotion.args.ReferenceInput;
import io.jenkins.plugins.imagepromotion.args.StepLabels;
import io.jenkins.plugins.imagepromotion.args.TextInput;
import io.jenkins.plugins.imagepromotion.form.CredentialsField;
import io.jenkins.plugins.imagepromotion.form.FieldChecks;
import io.jenkins.plugins.imagepromotion.form.Validations;
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

/** {@code resolveImageDigest}: returns {@code registry/repository@sha256:…} for the manifest a tag points at now. */
public final class ResolveImageDigestStep extends Step {
    private final String image;
    private String credentialsId;

    @DataBoundConstructor
    public ResolveImageDigestStep(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = TextInput.optional(credentialsId);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends RegistryStepExecution<ResolveImageDigestStep, String> {
        private static final long serialVersionUID = 1L;

        Execution(ResolveImageDigestStep step, StepContext context) {
            super(step, context);
        }

        @Override
        protected String perform(ResolveImageDigestStep step, Run<?, ?> run, TaskListener listener, Launcher launcher)
                throws Exception {
            ImageReference reference = ReferenceInput.parseExplicit("image", step.getImage());
            RegistryAccess access = RegistryAccessResolver.resolve(run, listener, reference.registry(), List.of(),
                    step.getCredentialsId(), null);
            return AgentDispatch.call(launcher, new ResolveOnAgent(reference.toString(), access, listener));
        }
    }

    @Extension
    @Symbol("resolveImageDigest")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "resolveImageDigest";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Resolve a container image tag to its digest";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return StepLabels.resolve(namedArgs);
        }

        @POST
        public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> FieldChecks.image(value));
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String image,
                                                     @QueryParameter String credentialsId) {
            return CredentialsField.fillForImage(item, credentialsId, image);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String image,
                                                   @QueryParameter String value) {
            return CredentialsField.checkForImage(item, value, image);
        }
    }
}
