package io.imagepromotion.core.board;

import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.HistoryEntry;
import io.imagepromotion.core.ledger.RecordKind;
import io.imagepromotion.core.ledger.SignatureCheck;
import io.imagepromotion.core.ref.ImageReference;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The renderer on boards built by hand: escaping, links, colours, the document's policy. The browser test renders real ones. */
class BoardHtmlTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Digest A = Digest.sha256(new byte[]{1});
    private static final Digest B = Digest.sha256(new byte[]{2});
    private static final String HOSTILE = "\"'><script>document.title='x'</script><img src=x onerror=\"alert(1)\">";

    private static HistoryEntry record(Digest digest, String environment, String approver, String ciRunUrl, Instant at) {
        return new HistoryEntry(RecordKind.PROMOTION, digest, null, environment, at,
                List.of(new Approval(approver, at, ApprovalAuthority.asserted())), ciRunUrl, "r/app@" + digest, "sha256:plan",
                null, null, SignatureCheck.NOT_CHECKED);
    }

    private static Lane lane(String tag, String environment, Digest digest, String approver, String ciRunUrl) {
        Instant at = NOW.minus(Duration.ofHours(2));
        HistoryEntry r = record(digest, environment, approver, ciRunUrl, at);
        return new Lane(ImageReference.parse("registry.example.com/app:" + tag), environment, digest, LaneState.IN_SYNC, r, at,
                Duration.ofHours(2), List.of(new LaneEvent(RecordKind.PROMOTION, digest, null, at, List.of(approver))));
    }

    private static Board board(Lane... lanes) {
        List<Lane> list = List.of(lanes);
        return new Board(NOW, list, List.of());
    }

    @Test
    void recordTextIsEscapedInTextAndAttributesAndOnlyHttpLinksAreLinks() {
        String html = BoardHtml.fragment(board(lane("staging", HOSTILE, A, HOSTILE, "javascript:alert(1)"),
                lane("prod", "production", A, "alice", "https://ci.example.com/job/app/7/?a=1&b=2")));
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("javascript:alert(1)\""), "a javascript: URL is never an href");
        assertTrue(html.contains("&lt;script&gt;document.title=&#39;x&#39;&lt;/script&gt;"), html);
        assertTrue(html.contains("<span class=\"not-a-link\">javascript:alert(1)</span>"), html);
        assertTrue(html.contains("href=\"https://ci.example.com/job/app/7/?a=1&amp;b=2\""), html);
        // Every attribute value is closed where the renderer closes it: no quote from the input ends one early.
        Matcher tags = Pattern.compile("<[a-z][^>]*>").matcher(html);
        while (tags.find()) {
            String tag = tags.group();
            assertFalse(tag.contains("onerror"), tag);
            assertEquals(0, tag.chars().filter(c -> c == '"').count() % 2, tag);
        }
    }

    @Test
    void oneDigestHasOneColourInEveryLaneAndTwoDigestsTwoColours() {
        String html = BoardHtml.fragment(board(lane("dev", "dev", B, "a", null), lane("staging", "staging", A, "a", null),
                lane("prod", "prod", A, "a", null)));
        Matcher chips = Pattern.compile("<g class=\"chip chip-promotion (dc-\\d)\" data-kind=\"promotion\" data-digest=\"([^\"]+)\"")
                .matcher(html);
        java.util.Map<String, String> colourOf = new java.util.HashMap<>();
        int n = 0;
        while (chips.find()) {
            n++;
            String previous = colourOf.putIfAbsent(chips.group(2), chips.group(1));
            assertTrue(previous == null || previous.equals(chips.group(1)), html);
        }
        assertEquals(3, n, html);
        assertEquals(2, colourOf.size());
        assertFalse(colourOf.get(A.toString()).equals(colourOf.get(B.toString())));
    }

    @Test
    void theDocumentCarriesItsPolicyFirstTheCssInlineAndNoScriptOrRemoteReference() {
        String doc = BoardHtml.document(board(lane("prod", "production", A, "alice", "https://ci.example.com/1")), "Board <x>");
        String head = doc.substring(doc.indexOf("<head>"), doc.indexOf("</head>"));
        assertTrue(head.startsWith("<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\""
                + "default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"), head);
        assertTrue(head.contains(".ip-board .dc-0 .chip-box"), "the CSS is inline");
        assertTrue(head.contains("prefers-color-scheme: dark"));
        assertTrue(doc.contains("<title>Board &lt;x&gt;</title>"));
        assertFalse(doc.contains("<script"));
        assertFalse(doc.contains("<link"));
        assertFalse(doc.contains(" src="));
    }
}
