package io.jenkins.plugins.imagepromotion.gate;

import hudson.AbortException;
import hudson.model.Run;

/** Finds a gate by id in the build's own {@link PromotionGateAction}: the only place a gate is read from. */
public final class GateLookup {
    private GateLookup() {
    }

    /** @throws AbortException naming the id when the build has no such gate */
    public static GateRecord require(Run<?, ?> run, String gateId, String step) throws AbortException {
        if (gateId == null || gateId.isBlank()) {
            throw new AbortException(step + " needs gate: the id planPromotion returned, e.g. gate: plan.id");
        }
        GateRecord gate = PromotionGateAction.find(run, gateId.strip());
        if (gate == null) {
            throw new AbortException("this build has no approval gate " + gateId.strip() + ": " + step
                    + " takes the id planPromotion returned in this same build");
        }
        return gate;
    }
}
