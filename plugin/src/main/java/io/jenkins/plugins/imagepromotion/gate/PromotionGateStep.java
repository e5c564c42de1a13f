package io.jenkins.plugins.imagepromotion.gate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.imagepromotion.core.approval.ApprovalTally;
import io.jenkins.plugins.imagepromotion.args.TextInput;
import io.jenkins.plugins.imagepromotion.form.GateFieldChecks;
import io.jenkins.plugins.imagepromotion.form.Validations;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
 * {@code promotionGate}: where a gate stands, tallied in Java from what Jenkins recorded on the round nodes. Reads
 * the build's records only (no registry, no network), so it completes at once.
 */
public final class PromotionGateStep extends Step {
    private String gate;

    @DataBoundConstructor
    public PromotionGateStep() {
    }

    public String getGate() {
        return gate;
    }

    @DataBoundSetter
    public void setGate(String gate) {
        this.gate = TextInput.optional(gate);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, gate);
    }

    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private final String gate;

        Execution(StepContext context, String gate) {
            super(context);
            this.gate = gate;
        }

        @Override
        public boolean start() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            FlowNode node = getContext().get(FlowNode.class);
            GateRecord record = GateLookup.require(run, gate, "promotionGate");
            ApprovalTally tally = GateEvidence.tally(record, new FlowNodeDecisions(node.getExecution()),
                    new JenkinsApprovers(), RealmIdentityMatching.ofJenkins());
            getContext().onSuccess(GateMaps.gate(record.binding(), tally));
            return true;
        }
    }

    @Extension
    @Symbol("promotionGate")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "promotionGate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Where a promotion approval gate stands";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FlowNode.class);
        }

        @POST
        public FormValidation doCheckGate(@AncestorInPath Item item, @QueryParameter String value) {
            return Validations.ifPermitted(item, () -> GateFieldChecks.gate(value));
        }
    }
}
