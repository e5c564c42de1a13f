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
import io.imagepromotion.core.approval.ApprovalTally;
import io.jenkins.plugins.imagepromotion.gate.FlowNodeDecisions;
import io.jenkins.plugins.imagepromotion.gate.GateApproval;
import io.jenkins.plugins.imagepromotion.gate.GateEvidence;
import io.jenkins.plugins.imagepromotion.gate.GateLookup;
import io.jenkins.plugins.imagepromotion.gate.GateRecord;
import io.jenkins.plugins.imagepromotion.gate.JenkinsApprovers;
import io.jenkins.plugins.imagepromotion.gate.RealmIdentityMatching;
import io.jenkins.plugins.imagepromotion.model.ApprovalEntry;
import io.jenkins.plugins.imagepromotion.model.PromotionLabel;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
import io.jenkins.plugins.imagepromotion.form.FieldVerdict;
import io.jenkins.plugins.imagepromotion.form.GateFieldChecks;
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
    private String approval;

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

    public String getApproval() {
        return approval;
    }

    /** The id of an approval gate of this build (what planPromotion returned); the promotion must match it. */
    @DataBoundSetter
    public void setApproval(String approval) {
        this.approval = TextInput.optional(approval);
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
            label(getContext().get(FlowNode.class), args);
            List<ApprovalEntry> approvals = List.of();
            if (step.getApproval() != null) {
                GateApproval approved = approve(run, step.getApproval(), args);
                args = approved.arguments();
                approvals = approved.approvals();
            }
            LedgerOptions ledger = ledgerOptions(step, args, run).withApprovals(approvals);
            RegistryAccess access = RegistryAccessResolver.resolve(run, listener, args.source().registry(),
                    args.targetRegistries(), step.getCredentialsId(), step.getTargetCredentialsId());
            PromotionOutcome outcome = AgentDispatch.call(launcher, new PromoteOnAgent(args, access, ledger,
                    launcher == null, listener));
            List<ApprovalEntry> all = new ArrayList<>(approvals);
            LedgerOptions.assertedApprovals(args.approvedBy(), java.time.Instant.now())
                    .forEach(a -> all.add(ApprovalEntry.asserted(a.userId(), a.approvedAt())));
            PromotionAction.record(run, PromotionRecord.of(outcome, args.environment(), args.approvedBy(),
                    System.currentTimeMillis(), all));
            return ResultMap.of(outcome, all);
        }

        /** The gate, looked up in this build's own action, checked against this promotion and Jenkins' evidence. */
        private GateApproval approve(Run<?, ?> run, String gateId, PromoteArguments args) throws Exception {
            GateRecord gate = GateLookup.require(run, gateId, "promoteImage");
            FlowNode node = getContext().get(FlowNode.class);
            if (node == null) {
                throw new AbortException("promoteImage(approval:) runs in a Pipeline, where the gate's rounds are nodes");
            }
            ApprovalTally tally = GateEvidence.tally(gate, new FlowNodeDecisions(node.getExecution()),
                    new JenkinsApprovers(), RealmIdentityMatching.ofJenkins());
            return GateApproval.verify(gate, tally, args, rootUrl(), run.getUrl());
        }

        /** "Promote myapp@sha256:1a2b3c4d5e6f → prod" on the step's node, as argumentsToString labels it. */
        private static void label(FlowNode node, PromoteArguments args) {
            if (node != null) {
                node.addAction(new LabelAction("Promote " + PromotionLabel.of(args.source(), args.targetReferences(),
                        args.dryRun())));
            }
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

    /** The controller's root URL, or null when none is configured (or outside Jenkins). */
    static String rootUrl() {
        try {
            return Jenkins.get().getRootUrl();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** Absolute when Jenkins knows its root URL, else the build's path relative to it. */
    private static String runUrl(Run<?, ?> run) {
        String root = rootUrl();
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
        public FormValidation doCheckApproval(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> value == null || value.isBlank() ? FieldVerdict.OK
                    : GateFieldChecks.gate(value));
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
