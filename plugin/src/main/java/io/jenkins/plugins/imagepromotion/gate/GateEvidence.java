package io.jenkins.plugins.imagepromotion.gate;

import io.imagepromotion.core.approval.ApprovalEvidence;
import io.imagepromotion.core.approval.ApprovalTally;
import io.imagepromotion.core.approval.GateBinding;
import io.imagepromotion.core.approval.IdentityMatching;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns the settled rounds of a gate into the core's evidence, and that into the tally. */
public final class GateEvidence {
    private GateEvidence() {
    }

    /** One piece of evidence per settled round, in round order; pending and undecided rounds give none. */
    public static List<ApprovalEvidence> of(GateRecord gate, RoundDecisions decisions, ApproverDirectory directory)
            throws IOException {
        List<ApprovalEvidence> evidence = new ArrayList<>();
        for (GateRound round : gate.getRounds()) {
            RoundDecision d = decisions.of(round);
            if (d == null) {
                continue;
            }
            String user = d.userId();
            boolean admin = user != null && directory.administrator(user);
            List<String> groups = user == null ? List.of() : directory.groups(user);
            evidence.add(new ApprovalEvidence(d.round(), user, Instant.ofEpochMilli(d.at()), admin, groups,
                    d.rejected()));
        }
        return evidence;
    }

    /** The gate's tally, computed from what Jenkins recorded, never from what a script passed. */
    public static ApprovalTally tally(GateRecord gate, RoundDecisions decisions, ApproverDirectory directory,
                                      IdentityMatching matching) throws IOException {
        GateBinding binding = gate.binding();
        return ApprovalTally.of(binding, of(gate, decisions, directory), matching);
    }
}
