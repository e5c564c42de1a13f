package io.jenkins.plugins.imagepromotion.gate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.imagepromotion.core.approval.ApprovalTally;
import io.jenkins.plugins.imagepromotion.args.TextInput;
import io.jenkins.plugins.imagepromotion.form.GateFieldChecks;
import io.jenkins.plugins.imagepromotion.form.Validations;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code approvePromotion}: one round of a gate, as a real {@code input} on this step's node. Its execution is the
 * one {@code InputStep.start} returns, so Pipeline Graph View, Blue Ocean and Stage View show Approve and Abort, it
 * survives a restart as {@code input} does and works inside {@code timeout}. The round is recorded in the gate
 * before the input starts, so the tally finds its node whatever happens next. Ends with {@code null} on Approve,
 * with the input's {@code Rejection} on Abort.
 */
public final class ApprovePromotionStep extends Step {
    private String gate;

    @DataBoundConstructor
    public ApprovePromotionStep() {
    }

    public String getGate() {
        return gate;
    }

    @DataBoundSetter
    public void setGate(String gate) {
        this.gate = TextInput.optional(gate);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        FlowNode node = context.get(FlowNode.class);
        GateRecord record = GateLookup.require(run, gate, "approvePromotion");
        ApprovalTally tally = GateEvidence.tally(record, new FlowNodeDecisions(node.getExecution()),
                new JenkinsApprovers(), RealmIdentityMatching.ofJenkins());
        RoundRequest request = RoundRequest.next(record, tally);
        InputStep input = new InputStep(request.message());
        input.setId(request.inputId());
        input.setOk(request.ok());
        input.setSubmitter(request.submitter());
        PromotionGateAction.recordRound(run, record, new GateRound(request.round(), input.getId(), node.getId(),
                System.currentTimeMillis()));
        node.addAction(new LabelAction(request.label()));
        context.get(TaskListener.class).getLogger().println(request.label() + " (round " + request.round()
                + " of gate " + record.getGateId() + ")");
        return input.start(context);
    }

    @Extension
    @Symbol("approvePromotion")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "approvePromotion";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Ask for one approval of a promotion gate";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // What InputStep requires: its execution runs on this step's context.
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        @POST
        public FormValidation doCheckGate(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> GateFieldChecks.gate(value));
        }
    }
}
