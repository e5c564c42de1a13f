package io.imagepromotion.cli;

import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.HistoryEntry;
import io.imagepromotion.core.ledger.SignatureCheck;
import io.imagepromotion.core.ledger.TagHistory;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** How history and status read for a person: shared by the commands and the demo. */
final class LedgerText {
    private LedgerText() {
    }

    /** A header line, then one line per entry, newest first, each indented by {@code indent}. */
    static void history(PrintStream out, TagHistory h, String indent) {
        out.println(indent + "history of " + h.tag() + " (now " + digest(h.current()) + "), newest first:");
        if (h.entries().isEmpty()) {
            out.println(indent + "  no records: this tag was never promoted with --environment");
        }
        for (HistoryEntry e : h.entries()) {
            out.println(indent + "  " + entry(e));
        }
    }

    static String entry(HistoryEntry e) {
        if (e.handMove()) {
            return "HAND MOVE  " + digest(e.digest()) + "  previous " + digest(e.previousDigest())
                    + "  (moved outside promotions, no record)";
        }
        StringBuilder s = new StringBuilder();
        s.append(e.kind().label()).append("  ").append(digest(e.digest()))
                .append("  environment ").append(e.environment())
                .append("  at ").append(e.recordedAt())
                .append("  approved by ").append(approvals(e.approvals()))
                .append("  ci ").append(e.ciRunUrl() == null ? "unknown" : e.ciRunUrl())
                .append("  previous ").append(digest(e.previousDigest()));
        if (e.signature() != SignatureCheck.NOT_CHECKED) {
            s.append("  [").append(signature(e.signature())).append(']');
        }
        return s.toString();
    }

    /** One line for a tag: OK, DRIFT naming both digests, or no record. */
    static String status(TagHistory h) {
        if (h.lastRecord().isEmpty()) {
            return h.tag() + ": current " + digest(h.current()) + "; no record (never promoted with --environment)";
        }
        HistoryEntry last = h.lastRecord().get();
        String recorded = "last recorded " + digest(last.digest()) + " (" + last.kind().label() + " to "
                + last.environment() + " at " + last.recordedAt() + ", approved by " + approvals(last.approvals()) + ")";
        if (h.drift()) {
            return "DRIFT " + h.tag() + ": current " + digest(h.current()) + " but " + recorded
                    + "; the tag was moved outside promotions";
        }
        return "OK " + h.tag() + ": current " + digest(h.current()) + " = " + recorded;
    }

    static String approvals(List<Approval> approvals) {
        if (approvals.isEmpty()) {
            return "nobody";
        }
        return approvals.stream().map(a -> a.userId() + " (" + a.authority().kind().name().toLowerCase(java.util.Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
    }

    static String signature(SignatureCheck s) {
        return switch (s) {
            case VERIFIED -> "verified";
            case UNSIGNED -> "unsigned";
            case BAD_SIGNATURE -> "BAD SIGNATURE";
            case NOT_CHECKED -> "not checked";
        };
    }

    static String digest(Digest d) {
        return d == null ? "absent" : d.toString();
    }
}
