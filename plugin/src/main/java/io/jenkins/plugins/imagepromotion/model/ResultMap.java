package io.jenkins.plugins.imagepromotion.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value {@code promoteImage} returns to the Pipeline: plain {@link LinkedHashMap}s and {@link ArrayList}s of
 * strings, numbers and booleans, which CPS can persist and the sandbox lets scripts read without approvals. The
 * shared library relies on these exact keys.
 */
public final class ResultMap {
    private ResultMap() {
    }

    /** {@link #of(PromotionOutcome)} and {@code approvals: [[user, at, authority]]} ({@code jenkins} or {@code asserted}). */
    public static Map<String, Object> of(PromotionOutcome outcome, List<ApprovalEntry> approvals) {
        Map<String, Object> map = of(outcome);
        List<Object> list = new ArrayList<>();
        for (ApprovalEntry a : approvals) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("user", a.getUser());
            entry.put("at", a.getTime());
            entry.put("authority", a.getAuthority());
            list.add(entry);
        }
        map.put("approvals", list);
        return map;
    }

    public static Map<String, Object> of(PromotionOutcome outcome) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", outcome.source());
        map.put("digest", outcome.digest());
        map.put("mediaType", outcome.mediaType());
        List<Object> targets = new ArrayList<>();
        for (TargetRecord t : outcome.targets()) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("reference", t.getReference());
            target.put("previousDigest", t.getPreviousDigest());
            target.put("changed", t.isChanged());
            targets.add(target);
        }
        map.put("targets", targets);
        map.put("changed", outcome.changed());
        map.put("blobsMounted", outcome.blobsMounted());
        map.put("blobsCopied", outcome.blobsCopied());
        map.put("blobsSkipped", outcome.blobsSkipped());
        map.put("bytesCopied", outcome.bytesCopied());
        map.put("manifestsPushed", outcome.manifestsPushed());
        map.put("requests", outcome.requests());
        map.put("dryRun", outcome.dryRun());
        List<Object> ledger = new ArrayList<>();
        for (LedgerEntry e : outcome.ledger()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("target", e.getTarget());
            entry.put("recorded", e.isRecorded());
            entry.put("record", e.getRecord());
            entry.put("signed", e.isSigned());
            entry.put("reason", e.getReason());
            ledger.add(entry);
        }
        map.put("ledger", ledger);
        // False when a named environment's record could not be written for some tag (the promotion stands).
        map.put("recorded", outcome.ledger().stream().allMatch(LedgerEntry::isRecorded));
        return map;
    }
}
