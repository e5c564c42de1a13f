package io.jenkins.plugins.imagepromotion.gate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Launcher;
import hudson.model.Cause;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.imagepromotion.core.approval.ApprovalPlan;
import io.imagepromotion.core.approval.ApprovalPolicy;
import io.imagepromotion.core.approval.ApprovalTally;
import io.imagepromotion.core.approval.GateBinding;
import io.imagepromotion.core.approval.IdentityMatching;
import io.imagepromotion.core.ref.ImageReference;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.args.TextInput;
import io.jenkins.plugins.imagepromotion.form.CredentialsField;
import io.jenkins.plugins.imagepromotion.form.FieldChecks;
import io.jenkins.plugins.imagepromotion.form.GateFieldChecks;
import io.jenkins.plugins.imagepromotion.form.Validations;
import io.jenkins.plugins.imagepromotion.steps.RegistryAccessResolver;
import io.jenkins.plugins.imagepromotion.steps.RegistryStepExecution;
import java.time.Instant;
import java.util.ArrayList;
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
 * {@code planPromotion}: pins the source digest and reads what each target holds now (manifest HEADs only, on the
 * controller, off the CPS thread), then binds that plan and the approval policy to a new gate in the build's
 * {@link PromotionGateAction}. Returns the gate as a map; its {@code id} is what {@code approvePromotion},
 * {@code promotionGate} and {@code promoteImage(approval:)} take.
 */
public final class PlanPromotionStep extends Step {
    private final String image;
    private String target;
    private List<String> targets;
    private String environment;
    private int approvals = 1;
    private String submitters;
    private boolean forbidSelfApproval;
    private boolean adminsCount;
    private String credentialsId;
    private String targetCredentialsId;

    @DataBoundConstructor
    public PlanPromotionStep(String image) {
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

    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = TextInput.optional(environment);
    }

    public int getApprovals() {
        return approvals;
    }

    @DataBoundSetter
    public void setApprovals(int approvals) {
        this.approvals = approvals;
    }

    public String getSubmitters() {
        return submitters;
    }

    @DataBoundSetter
    public void setSubmitters(String submitters) {
        this.submitters = TextInput.optional(submitters);
    }

    public boolean isForbidSelfApproval() {
        return forbidSelfApproval;
    }

    @DataBoundSetter
    public void setForbidSelfApproval(boolean forbidSelfApproval) {
        this.forbidSelfApproval = forbidSelfApproval;
    }

    public boolean isAdminsCount() {
        return adminsCount;
    }

    @DataBoundSetter
    public void setAdminsCount(boolean adminsCount) {
        this.adminsCount = adminsCount;
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

    /** The validated references (as promoteImage takes them) and the policy; nothing is sent anywhere yet. */
    PromoteArguments references() {
        return PromoteArguments.of(image, target, targets, null, false, true, environment, null);
    }

    String requiredEnvironment() throws AbortException {
        String env = TextInput.optionalLine("environment", environment);
        if (env == null) {
            throw new AbortException("planPromotion needs environment: '<name>', e.g. environment: 'prod'; the gate"
                    + " approves a promotion to that environment only");
        }
        return env;
    }

    ApprovalPolicy policy() throws AbortException {
        try {
            return ApprovalPolicy.of(approvals, submitters, forbidSelfApproval, adminsCount);
        } catch (IllegalArgumentException e) {
            throw new AbortException("planPromotion: " + e.getMessage());
        }
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** The users who started the run (its {@code UserIdCause}s): the ones {@code forbidSelfApproval} leaves out. */
    static List<String> runStarters(Run<?, ?> run) {
        List<String> starters = new ArrayList<>();
        for (Cause cause : run.getCauses()) {
            if (cause instanceof Cause.UserIdCause userCause && userCause.getUserId() != null
                    && !starters.contains(userCause.getUserId())) {
                starters.add(userCause.getUserId());
            }
        }
        return starters;
    }

    /**
     * Binds the probed plan to a new gate of the build and saves it; the id's ordinal counts earlier gates of the
     * same environment and plan in this build, so planning twice gives two gates.
     */
    static GateBinding bind(PromotionGateAction action, ApprovalPlan plan, ApprovalPolicy policy,
                            List<String> starters, Instant now) {
        synchronized (action) {
            int ordinal = action.countOf(plan.environment(), plan.planHash()) + 1;
            GateBinding binding = new GateBinding(GateBinding.newGateId(plan.environment(), plan.planHash(), ordinal),
                    plan, policy, starters, now);
            action.add(GateRecord.of(binding));
            return binding;
        }
    }

    static final class Execution extends RegistryStepExecution<PlanPromotionStep, Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        Execution(PlanPromotionStep step, StepContext context) {
            super(step, context);
        }

        @Override
        protected Map<String, Object> perform(PlanPromotionStep step, Run<?, ?> run, TaskListener listener,
                                              Launcher launcher) throws Exception {
            String environment = step.requiredEnvironment();
            ApprovalPolicy policy = step.policy();
            PromoteArguments refs = step.references();
            ImageReference source = refs.source();
            RegistryAccess access = RegistryAccessResolver.resolve(run, listener, source.registry(),
                    refs.targetRegistries(), step.getCredentialsId(), step.getTargetCredentialsId());
            PlanProbe.Probed probed = PlanProbe.run(source, refs.targetReferences(), access, listener.getLogger());
            ApprovalPlan plan = new ApprovalPlan(environment, probed.pinned(), probed.digest(), probed.targets());
            GateBinding binding;
            synchronized (run) {
                binding = bind(PromotionGateAction.of(run), plan, policy, runStarters(run), Instant.now());
                run.save();
            }
            ApprovalTally none = ApprovalTally.of(binding, List.of(), IdentityMatching.caseInsensitive());
            listener.getLogger().println("Gate " + binding.gateId() + ": " + plan.digest() + " to "
                    + String.join(", ", refs.targets()) + " in " + environment + ", " + policy.approvals()
                    + (policy.approvals() == 1 ? " approval" : " approvals") + " required"
                    + (plan.alreadyPromoted() ? "; every target holds this digest already" : ""));
            return GateMaps.plan(binding, none);
        }
    }

    @Extension
    @Symbol("planPromotion")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "planPromotion";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Plan a promotion and open its approval gate";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            return GateLabels.plan(namedArgs);
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
        public FormValidation doCheckEnvironment(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> GateFieldChecks.environment(value));
        }

        @POST
        public FormValidation doCheckApprovals(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> GateFieldChecks.approvals(value));
        }

        @POST
        public FormValidation doCheckSubmitters(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> GateFieldChecks.submitters(value));
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
