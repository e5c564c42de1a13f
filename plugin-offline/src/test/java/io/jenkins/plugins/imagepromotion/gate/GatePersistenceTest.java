package io.jenkins.plugins.imagepromotion.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.security.AnyTypePermission;
import io.imagepromotion.core.approval.ApprovalPolicy;
import io.imagepromotion.core.approval.GateBinding;
import io.jenkins.plugins.imagepromotion.agent.LedgerOptions;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.model.ApprovalEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * build.xml round trips of the gate action with XStream as Jenkins' XStream2 treats plugin classes (fields reflected,
 * no converter of ours), and Java serialization of what travels to an agent or into program.dat.
 */
class GatePersistenceTest {
    private static XStream jenkinsLike() {
        XStream xstream = new XStream();
        xstream.addPermission(AnyTypePermission.ANY);
        return xstream;
    }

    @SuppressWarnings("unchecked")
    private static <T> T javaRoundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void theGateActionReadsBackWithItsBindingAndRounds() throws Exception {
        PromotionGateAction action = new PromotionGateAction();
        GateRecord written = GateFixtures.gate(ApprovalPolicy.of(2, "alice,release-managers", true, false),
                List.of("carol"));
        action.add(written);
        GateFixtures.settle(written, new GateFixtures.Decisions(), "alice", false);
        String xml = jenkinsLike().toXML(action);

        PromotionGateAction read = (PromotionGateAction) jenkinsLike().fromXML(xml);

        GateBinding before = written.binding();
        GateBinding after = read.gate(written.getGateId()).binding();
        assertEquals(before, after, xml);
        assertEquals(before.plan().planHash(), after.plan().planHash());
        assertEquals(1, read.gate(written.getGateId()).getRounds().size());
        assertEquals("n1", read.gate(written.getGateId()).getRounds().get(0).getNodeId());
        assertFalse(xml.contains("<run>") || xml.contains("<run "), xml);
    }

    @Test
    void aBuildXmlWithoutTheListsReadsBackAsEmptyLists() {
        PromotionGateAction empty = (PromotionGateAction) jenkinsLike().fromXML("<" + PromotionGateAction.class.getName()
                + "/>");
        String gateWithoutLists = jenkinsLike().toXML(GateFixtures.gate(ApprovalPolicy.of(1, null, false, false),
                List.of())).replaceAll("(?s)<rounds>.*?</rounds>|<rounds/>|(?s)<runStarters>.*?</runStarters>|<runStarters/>"
                + "|(?s)<submitters>.*?</submitters>|<submitters/>", "");

        GateRecord gate = (GateRecord) jenkinsLike().fromXML(gateWithoutLists);

        assertTrue(empty.getGates().isEmpty());
        assertTrue(gate.getRounds().isEmpty(), gateWithoutLists);
        assertTrue(gate.getSubmitters().isEmpty());
        assertEquals(List.of(), gate.binding().runStarters());
    }

    @Test
    void aStoredPlanThatNoLongerMatchesItsHashIsRefused() {
        String xml = jenkinsLike().toXML(GateFixtures.gate(ApprovalPolicy.of(1, null, false, false), List.of()))
                .replace(GateFixtures.OTHER, GateFixtures.DIGEST);

        GateRecord tampered = (GateRecord) jenkinsLike().fromXML(xml);

        IllegalStateException e = assertThrows(IllegalStateException.class, tampered::binding);
        assertTrue(e.getMessage().contains("hashes to"), e.getMessage());
    }

    @Test
    void approvedArgumentsAndLedgerOptionsWithApprovalsSurviveJavaSerialization() throws Exception {
        Map<String, String> approved = new HashMap<>();
        approved.put(GateFixtures.PROD, null);
        PromoteArguments args = PromoteArguments.of(GateFixtures.IMAGE, GateFixtures.PROD, null, null, false, false,
                null, null).approved("Gate-prod-1a2b3c4d-1", "prod", approved);
        LedgerOptions ledger = LedgerOptions.unsigned("https://jenkins.example.com/job/app/42/").withApprovals(List.of(
                ApprovalEntry.jenkins("alice", Instant.ofEpochMilli(GateFixtures.NOON), "https://jenkins.example.com/",
                        "job/app/42/", "Gate-prod-1a2b3c4d-1")));

        PromoteArguments argsRead = javaRoundTrip(args);
        LedgerOptions ledgerRead = javaRoundTrip(ledger);

        assertTrue(argsRead.toRequest().expectedAbsent(argsRead.targetReferences().get(0)));
        assertEquals("Gate-prod-1a2b3c4d-1", argsRead.approval());
        assertEquals(ledger.approvals(null, Instant.now()), ledgerRead.approvals(null, Instant.now()));
    }

    @Test
    void theGateStepExecutionsSurviveJavaSerialization() throws Exception {
        PromotionGateStep.Execution execution = new PromotionGateStep.Execution(null, "Gate-prod-1a2b3c4d-1");

        assertEquals(PromotionGateStep.Execution.class, javaRoundTrip(execution).getClass());
    }
}
