package io.jenkins.plugins.imagepromotion.agent;

import hudson.model.TaskListener;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.log.SecretMask;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import java.io.PrintStream;

/** Runs {@link PromotionTask} on the agent; image bytes flow between registries and the agent only. */
public final class PromoteOnAgent extends RegistryCallable<PromotionOutcome> {
    private static final long serialVersionUID = 1L;

    private final PromoteArguments arguments;
    private final LedgerOptions ledger;
    private final boolean onController;

    public PromoteOnAgent(PromoteArguments arguments, RegistryAccess access, TaskListener listener) {
        this(arguments, access, LedgerOptions.unsigned(null), listener);
    }

    public PromoteOnAgent(PromoteArguments arguments, RegistryAccess access, LedgerOptions ledger, TaskListener listener) {
        this(arguments, access, ledger, false, listener);
    }

    /** @param onController the step runs outside node, so no blob bytes may be streamed (see ControllerCopyGuard) */
    public PromoteOnAgent(PromoteArguments arguments, RegistryAccess access, LedgerOptions ledger, boolean onController,
                          TaskListener listener) {
        super(access, listener);
        this.arguments = arguments;
        this.ledger = ledger;
        this.onController = onController;
    }

    @Override
    SecretMask secretMask() {
        return super.secretMask().and(ledger.secretMask());
    }

    @Override
    PromotionOutcome run(RegistryAccess access, PrintStream log) {
        return PromotionTask.run(arguments, access, ledger, onController, log);
    }
}
