package io.jenkins.plugins.imagepromotion.gate;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The approval gates of one build: what {@code planPromotion} bound and which rounds {@code approvePromotion}
 * started. Only Java steps change it; it has no {@code @Whitelisted} member, and a sandboxed script cannot reach the
 * raw build, so {@code promoteImage(approval:)} can trust what it reads here (never the map a script hands back).
 * Stored in {@code build.xml}.
 */
public final class PromotionGateAction implements RunAction2 {
    private List<GateRecord> gates = new ArrayList<>();
    private transient Run<?, ?> run;

    /** The build's action, created (not yet saved) when it has none. */
    public static PromotionGateAction of(Run<?, ?> run) {
        synchronized (run) {
            PromotionGateAction action = run.getAction(PromotionGateAction.class);
            if (action == null) {
                action = new PromotionGateAction();
                run.addAction(action);
            }
            return action;
        }
    }

    /** The gate with this id in this build's action, or {@code null}. */
    public static GateRecord find(Run<?, ?> run, String gateId) {
        PromotionGateAction action = run.getAction(PromotionGateAction.class);
        return action == null ? null : action.gate(gateId);
    }

    /** Adds the gate to the build's action and saves the build. */
    public static void record(Run<?, ?> run, GateRecord gate) throws IOException {
        of(run).add(gate);
        run.save();
    }

    /** Adds the round to its gate and saves the build, before the round's input starts. */
    public static void recordRound(Run<?, ?> run, GateRecord gate, GateRound round) throws IOException {
        gate.addRound(round);
        run.save();
    }

    /** XStream does not run field initialisers. */
    private synchronized Object readResolve() {
        if (gates == null) {
            gates = new ArrayList<>();
        }
        return this;
    }

    public synchronized void add(GateRecord gate) {
        if (gate(gate.getGateId()) != null) {
            throw new IllegalArgumentException("gate " + gate.getGateId() + " exists already in this build");
        }
        gates.add(gate);
    }

    public synchronized GateRecord gate(String gateId) {
        for (GateRecord g : gates) {
            if (g.getGateId().equals(gateId)) {
                return g;
            }
        }
        return null;
    }

    /** How many gates of this build bind the same environment and plan: the next one's ordinal is this plus one. */
    public synchronized int countOf(String environment, String planHash) {
        return (int) gates.stream().filter(g -> g.getEnvironment().equals(environment)
                && g.getPlanHash().equals(planHash)).count();
    }

    public synchronized List<GateRecord> getGates() {
        return List.copyOf(gates);
    }

    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "The build this action belongs to, for views")
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Promotion approval gates";
    }

    @Override
    public String getUrlName() {
        return null;
    }

    @Override
    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "RunAction2 keeps its build by design")
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "RunAction2 keeps its build by design")
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }
}
