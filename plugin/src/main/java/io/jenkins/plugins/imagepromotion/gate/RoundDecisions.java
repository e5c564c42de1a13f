package io.jenkins.plugins.imagepromotion.gate;

import java.io.IOException;

/** Where the decisions of a gate's rounds are read from: the round nodes of the build (see {@link FlowNodeDecisions}). */
public interface RoundDecisions {
    /** The round's decision, or {@code null} while it is pending or when it ended without one (a timeout, a stop). */
    RoundDecision of(GateRound round) throws IOException;
}
