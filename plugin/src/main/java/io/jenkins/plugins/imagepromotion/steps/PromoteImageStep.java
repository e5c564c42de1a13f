package io.jenkins.plugins.imagepromotion.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.imagepromotion.agent.AgentDispatch;
import io.jenkins.plugins.imagepromotion.agent.LedgerOptions;
import io.jenkins.plugins.imagepromotion.agent.PromoteOnAgent;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.args.StepLabels;
import io.jenkins.plugins.imagepromotion.args.TextInput;
import io.jenkins.plugins.imagepromotion.credentials.SigningKeyLookup;
import io.jenkins.plugins.imagepromotion.form.CredentialsField;
import io.jenkins.plugins.imagepromotion.form.FieldChecks;
import io.jenkins.plugins.imagepromotion.form.Validations;
import io.jenkins.plugins.imagepromotion.model.PromotionAction;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import io.jenkins.plugins.imagepromotion.model.ResultMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
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
 * {@code promoteImage}: points one or more target tags at exactly the manifest digest of {@code image}, on the
 * agent of the enclosing {@code node} (or the controller outside one), and returns the engine's result as a map.
 * Holds only what the user typed; validation happens when the step runs, in {@link PromoteArguments}.
 */
public final class PromoteImageStep extends Step {
    private final String image;
    private String target;
    private List<String> targets;
    private String credentialsId;
    private String targetCredentialsId;
    private String expectCurrent;
    private boolean expectAbsent;
    private boolean dryRun;
    private String environment;
    private String approvedBy;
    private String signingKeyCredentialsId;

    @DataBoundConstructor
    public PromoteImageStep(String image) {
        this.image = image;
    }

    public String getImage() {
        return image;
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = TextInput.optional(target);
    }

    public List<String> getTargets() {
        return targets == null ? null : List.copyOf(targets);
    }

    @DataBoundSetter
    public void setTargets(List<String> targets) {
        this.targets = targets == null ? null : new ArrayList<>(targets);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = TextInput.optional(credentialsId);
    }

    public String getTargetCredentialsId() {
        return targetCredentialsId;
    }

    @DataBoundSetter
    public void setTargetCredentialsId(String targetCredentialsId) {
        this.targetCredentialsId = TextInput.optional(targetCredentialsId);
    }

    public String getExpectCurrent() {
        return expectCurrent;
    }

    @DataBoundSetter
    public void setExpectCurrent(String expectCurrent) {
        this.expectCurrent = TextInput.optional(expectCurrent);
    }

    public boolean isExpectAbsent() {
        return expectAbsent;
    }

    @DataBoundSetter
    public void setExpectAbsent(boolean expectAbsent) {
        this.expectAbsent = expectAbsent;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = TextInput.optional(environment);
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    @DataBoundSetter
    public void setApprovedBy(String approvedBy) {
        this.approvedBy = TextInput.optional(approvedBy);
    }

    public String getSigningKeyCredentialsId() {
        return signingKeyCredentialsId;
    }

    @DataBoundSetter
    public void setSigningKeyCredentialsId(String signingKeyCredentialsId) {
        this.signingKeyCredentialsId = TextInput.optional(signingKeyCredentialsId);
    }

    PromoteArguments arguments() {
        return PromoteArguments.of(image, target, targets, expectCurrent, expectAbsent, dryRun, environment, approvedBy);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /**
     * Runs off the CPS thread, holding the controller's lease on every target tag around the agent's work (a dry run
     * writes nothing and takes none). Does not survive a controller restart; a re-run of the step is idempotent.
     */
    static final class Execution extends TargetWritingExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used while the step"
                + " runs; this execution fails on resume")
        private final transient PromoteImageStep step;

        Execution(PromoteImageStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        List<String> lockKeys() {
            PromoteArguments args = step.arguments();
            return args.dryRun() ? List.of() : keys(args.targetReferences());
        }

        @Override
        Map<String, Object> work(TaskListener listener) throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            Launcher launcher = getContext().get(Launcher.class);
            PromoteArguments args = step.arguments();
            LedgerOptions ledger = ledgerOptions(step, args, run);
            RegistryAccess access = RegistryAccessResolver.resolve(run, listener, args.source().registry(),
                    args.targetRegistries(), step.getCredentialsId(), step.getTargetCredentialsId());
            PromotionOutcome outcome = AgentDispatch.call(launcher, new PromoteOnAgent(args, access, ledger,
                    launcher == null, listener));
            PromotionAction.record(run, PromotionRecord.of(outcome, args.environment(), args.approvedBy(),
                    System.currentTimeMillis()));
            return ResultMap.of(outcome);
        }
    }

    /** The build's URL for the records, and the signing key when one is named (which needs an environment). */
    static LedgerOptions ledgerOptions(PromoteImageStep step, PromoteArguments args, Run<?, ?> run) throws IOException {
        String keyId = step.getSigningKeyCredentialsId();
        if (keyId != null && args.environment() == null) {
            throw new AbortException("signingKeyCredentialsId signs the ledger records, which are written only for"
                    + " an environment: add environment: '<name>' or drop signingKeyCredentialsId");
        }
        String runUrl = runUrl(run);
        return keyId == null ? LedgerOptions.unsigned(runUrl) : LedgerOptions.signed(runUrl, keyId,
                SigningKeyLookup.pem(run, keyId));
    }

    /** Absolute when Jenkins knows its root URL, else the build's path relative to it. */
    private static String runUrl(Run<?, ?> run) {
        String root;
        try {
            root = Jenkins.get().getRootUrl();
        } catch (IllegalStateException e) {
            root = null;
        }
        return root == null ? run.getUrl() : root + run.getUrl();
    }

    @Extension
    @Symbol("promoteImage")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "promoteImage";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Promote a container image by digest";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // Launcher is optional: inside node {} the work runs on that agent, outside it on the controller.
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return StepLabels.promote(namedArgs);
        }

        @POST
        public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> FieldChecks.image(value));
        }

        @POST
        public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> FieldChecks.target(value));
        }

        @POST
        public FormValidation doCheckExpectCurrent(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> FieldChecks.expectCurrent(value));
        }

        @POST
        public FormValidation doCheckEnvironment(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> FieldChecks.oneLine("environment", value));
        }

        @POST
        public FormValidation doCheckApprovedBy(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> FieldChecks.oneLine("approvedBy", value));
        }

        @POST
        public ListBoxModel doFillSigningKeyCredentialsIdItems(@AncestorInPath Item item,
                                                               @QueryParameter String signingKeyCredentialsId) {
            return CredentialsField.fillSigningKeys(item, signingKeyCredentialsId);
        }

        @POST
        public FormValidation doCheckSigningKeyCredentialsId(@AncestorInPath Item item,
                                                             @QueryParameter String environment,
                                                             @QueryParameter String value) {
            return CredentialsField.checkSigningKey(item, value, environment);
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

        @POST
        public ListBoxModel doFillTargetCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String target,
                                                           @QueryParameter String targetCredentialsId) {
            return CredentialsField.fillForImage(item, targetCredentialsId, target);
        }

        @POST
        public FormValidation doCheckTargetCredentialsId(@AncestorInPath Item item, @QueryParameter String target,
                                                         @QueryParameter String value) {
            return CredentialsField.checkForImage(item, value, target);
        }
    }
}
