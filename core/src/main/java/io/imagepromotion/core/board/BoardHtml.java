package io.imagepromotion.core.board;

import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.HistoryEntry;
import io.imagepromotion.core.ledger.RecordKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Board} as one HTML fragment, a table of the environments and an SVG timeline, styled only by class
 * names (the rules are in {@code board.css} beside this class). Every string from a registry or a record is
 * untrusted and escaped for its context; links are written only for http and https URLs. {@link #document} wraps the
 * fragment in a self-contained page that runs no script and loads nothing.
 */
public final class BoardHtml {
    /** Colours a chip can have; digests get them in order of first appearance, so one digest has one colour. */
    static final int PALETTE = 8;
    /** The policy of {@link #document}: nothing loads, nothing runs, only the inline style applies. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    // Timeline geometry, in SVG user units.
    private static final int WIDTH = 1000;
    private static final int LABEL = 160;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int LANE = 34;
    private static final int GAP = 14;
    private static final int AXIS = 28;
    private static final double MIN_CHIP = 6;

    private BoardHtml() {
    }

    /** The stylesheet the fragment's class names refer to. */
    public static String css() {
        try (InputStream in = BoardHtml.class.getResourceAsStream("board.css")) {
            if (in == null) {
                throw new IllegalStateException("board.css is missing from the core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete page: the fragment, the CSS inline, and a Content-Security-Policy that lets nothing run or load. */
    public static String document(Board board, String title) {
        StringBuilder out = new StringBuilder(16 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<title>").append(text(title)).append("</title>\n<style>\n").append(css()).append("</style>\n</head>\n")
                .append("<body class=\"ip-board-page\">\n<main>\n<h1>").append(text(title)).append("</h1>\n")
                .append(fragment(board)).append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /** The board as one fragment: a {@code div.ip-board} holding the table, the timeline and its text version. */
    public static String fragment(Board board) {
        Map<Digest, Integer> colours = colours(board);
        StringBuilder out = new StringBuilder(12 * 1024);
        out.append("<div class=\"ip-board\">\n");
        table(out, board, colours);
        timeline(out, board, colours);
        timelineText(out, board);
        out.append("</div>\n");
        return out.toString();
    }

    /**
     * The timeline and its text version alone, in a {@code div.ip-board}: for a host page that draws the table of
     * environments with its own widgets (Jenkins' sortable tables and copy buttons).
     */
    public static String timeline(Board board) {
        Map<Digest, Integer> colours = colours(board);
        StringBuilder out = new StringBuilder(8 * 1024);
        out.append("<div class=\"ip-board\">\n");
        timeline(out, board, colours);
        timelineText(out, board);
        out.append("</div>\n");
        return out.toString();
    }

    /** The chip colour class of {@code digest} on {@code board} ({@code dc-0} to {@code dc-7}), for a host page's swatches. */
    public static String colourClass(Board board, Digest digest) {
        return colourClass(colours(board), digest);
    }

    // ---- table -----------------------------------------------------------------------------------------------------

    private static void table(StringBuilder out, Board board, Map<Digest, Integer> colours) {
        out.append("<table class=\"ip-board-table\">\n<caption>Environments as read at ")
                .append(time(board.readAt())).append("</caption>\n<thead><tr>")
                .append("<th scope=\"col\">Environment</th><th scope=\"col\">Digest</th><th scope=\"col\">Tag</th>")
                .append("<th scope=\"col\">Since</th><th scope=\"col\">Approvals</th><th scope=\"col\">CI run</th>")
                .append("<th scope=\"col\">State</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < board.lanes().size(); i++) {
            Lane lane = board.lanes().get(i);
            String state = stateClass(lane.state());
            out.append("<tr class=\"lane ").append(state).append("\" data-lane=\"").append(i).append("\">");
            out.append("<th scope=\"row\" class=\"env\">").append(text(lane.environment())).append("</th>");
            out.append("<td class=\"digest\">");
            if (lane.current() == null) {
                out.append("<span class=\"absent\">no such tag</span>");
            } else {
                out.append("<span class=\"swatch ").append(colourClass(colours, lane.current())).append("\" aria-hidden=\"true\"></span>")
                        .append("<code class=\"digest-value\" title=\"").append(attr(lane.current().toString())).append("\">")
                        .append(text(lane.current().shortForm())).append("</code>");
                board.placement(lane.current()).filter(DigestPlacement::waiting).ifPresent(p ->
                        out.append(" <span class=\"waiting\">waiting for ")
                                .append(text(board.lanes().get(p.waitingFor()).environment())).append("</span>"));
            }
            out.append("</td>");
            out.append("<td class=\"tag\">").append(text(lane.tag().toString())).append("</td>");
            out.append("<td class=\"since\">");
            if (lane.since() != null) {
                out.append("<time datetime=\"").append(attr(lane.since().toString())).append("\">").append(time(lane.since()))
                        .append("</time> <span class=\"there\">(").append(duration(lane.there())).append(")</span>");
            } else if (lane.state() == LaneState.DRIFT) {
                out.append("<span class=\"unknown\">unknown: moved by hand</span>");
            } else {
                out.append("<span class=\"unknown\">unknown</span>");
            }
            out.append("</td>");
            HistoryEntry record = lane.lastRecord();
            // In drift, who approved and which run are those of the last record, not of what the tag holds now.
            String stale = lane.state() == LaneState.DRIFT ? "<span class=\"stale\">last record: </span>" : "";
            out.append("<td class=\"approvals\">").append(stale);
            if (record == null || record.approvals().isEmpty()) {
                out.append("<span class=\"none\">none</span>");
            } else {
                List<String> approvals = new ArrayList<>();
                for (Approval a : record.approvals()) {
                    approvals.add("<span class=\"approver\" title=\"approved " + attr(time(a.approvedAt()))
                            + (a.vouched() ? " (authenticated)" : " (stated)") + "\">" + text(a.userId()) + "</span>");
                }
                out.append(String.join(", ", approvals));
            }
            out.append("</td>");
            out.append("<td class=\"ci\">").append(stale);
            String url = record == null ? null : httpUrl(record.ciRunUrl());
            if (url != null) {
                out.append("<a class=\"ci-run\" href=\"").append(attr(url)).append("\" rel=\"noopener noreferrer\">")
                        .append(text(url)).append("</a>");
            } else if (record != null && record.ciRunUrl() != null && !record.ciRunUrl().isEmpty()) {
                out.append("<span class=\"not-a-link\">").append(text(record.ciRunUrl())).append("</span>");
            } else {
                out.append("<span class=\"none\">none</span>");
            }
            out.append("</td>");
            out.append("<td class=\"state\"><span class=\"state-badge ").append(state).append("\">")
                    .append(text(lane.state().label())).append("</span></td>");
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    // ---- timeline --------------------------------------------------------------------------------------------------

    /** One drawn change: where it starts and ends on the time axis, in epoch milliseconds. */
    private record Chip(LaneEvent event, double start, double end) {
    }

    private static void timeline(StringBuilder out, Board board, Map<Digest, Integer> colours) {
        double now = board.readAt().toEpochMilli();
        List<List<Chip>> lanes = new ArrayList<>();
        double earliest = now;
        for (Lane lane : board.lanes()) {
            List<Chip> chips = chips(lane, now);
            lanes.add(chips);
            if (!chips.isEmpty()) {
                earliest = Math.min(earliest, chips.get(0).start());
            }
        }
        // A little room before the first change, so that it does not sit on the lane label.
        double span = Math.max(now - earliest, 1000);
        double from = earliest - span * 0.04;
        double to = now;
        int height = TOP + board.lanes().size() * (LANE + GAP) + AXIS;
        out.append("<figure class=\"ip-timeline\">\n<svg class=\"timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"100%\" role=\"img\" aria-labelledby=\"ip-timeline-title ip-timeline-desc\"")
                .append(" xmlns=\"http://www.w3.org/2000/svg\">\n");
        out.append("<title id=\"ip-timeline-title\">Promotions over time, one lane per environment</title>\n");
        out.append("<desc id=\"ip-timeline-desc\">").append(text(description(board))).append("</desc>\n");
        axis(out, from, to, height);
        for (int i = 0; i < board.lanes().size(); i++) {
            Lane lane = board.lanes().get(i);
            int y = TOP + i * (LANE + GAP);
            out.append("<g class=\"tl-lane\" data-lane=\"").append(i).append("\">");
            out.append("<text class=\"tl-label\" x=\"").append(LABEL - 10).append("\" y=\"").append(y + LANE / 2 + 5)
                    .append("\" text-anchor=\"end\">").append(text(clip(lane.environment(), 20))).append("</text>");
            out.append("<rect class=\"tl-track\" x=\"").append(LABEL).append("\" y=\"").append(y).append("\" width=\"")
                    .append(WIDTH - LABEL - RIGHT).append("\" height=\"").append(LANE).append("\" rx=\"4\"/>\n");
            for (Chip chip : lanes.get(i)) {
                chip(out, lane, chip, x(chip.start(), from, to), x(chip.end(), from, to), y, colours);
            }
            out.append("</g>\n");
        }
        out.append("</svg>\n<figcaption class=\"legend\">Each chip is what the lane's tag held from one change to the"
                + " next, coloured by digest: the same colour in two lanes is the same digest."
                + " <span class=\"legend-item\"><span class=\"legend-mark mark-rollback\" aria-hidden=\"true\">&#9660;</span> rollback</span>"
                + " <span class=\"legend-item\"><span class=\"legend-mark mark-hand-move\" aria-hidden=\"true\">&#9670;</span>"
                + " hand move (time unknown, dashed outline)</span></figcaption>\n</figure>\n");
    }

    /** The lane's changes oldest first, each lasting until the next (the newest until now). */
    private static List<Chip> chips(Lane lane, double now) {
        List<LaneEvent> events = new ArrayList<>(lane.events());
        java.util.Collections.reverse(events);
        int n = events.size();
        double[] at = new double[n];
        for (int i = 0; i < n; i++) {
            Instant t = events.get(i).recordedAt();
            at[i] = t == null ? Double.NaN : t.toEpochMilli();
        }
        // A hand move's time is unknown: put it halfway between the changes around it.
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(at[i])) {
                double before = i > 0 ? at[i - 1] : Double.NaN;
                double after = Double.NaN;
                for (int j = i + 1; j < n && Double.isNaN(after); j++) {
                    after = at[j];
                }
                if (Double.isNaN(after)) {
                    after = now;
                }
                if (Double.isNaN(before)) {
                    before = after - 60_000;
                }
                at[i] = (before + after) / 2;
            }
        }
        List<Chip> chips = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chips.add(new Chip(events.get(i), at[i], i + 1 < n ? at[i + 1] : now));
        }
        return chips;
    }

    private static void chip(StringBuilder out, Lane lane, Chip chip, double x1, double x2, int y, Map<Digest, Integer> colours) {
        LaneEvent e = chip.event();
        double width = Math.max(x2 - x1, MIN_CHIP);
        String kind = e.kind().label();
        out.append("<g class=\"chip chip-").append(kind).append(' ')
                .append(e.digest() == null ? "chip-absent" : colourClass(colours, e.digest())).append('"')
                .append(" data-kind=\"").append(kind).append('"');
        if (e.digest() != null) {
            out.append(" data-digest=\"").append(attr(e.digest().toString())).append('"');
        }
        out.append("><title>").append(text(chipTitle(lane, e))).append("</title>");
        out.append("<rect class=\"chip-box\" x=\"").append(num(x1)).append("\" y=\"").append(y + 4).append("\" width=\"")
                .append(num(width)).append("\" height=\"").append(LANE - 8).append("\" rx=\"3\"/>");
        if (width >= 96) {
            String label = e.digest() == null ? "deleted" : e.digest().hex().substring(0, Math.min(12, e.digest().hex().length()));
            out.append("<text class=\"chip-label\" x=\"").append(num(x1 + 6)).append("\" y=\"").append(y + LANE / 2 + 4)
                    .append("\">").append(text(label)).append("</text>");
        }
        if (e.kind() == RecordKind.ROLLBACK) {
            out.append("<path class=\"mark mark-rollback\" d=\"M").append(num(x1 - 6)).append(' ').append(y - 9)
                    .append(" h12 l-6 9 z\"/>");
        } else if (e.handMove()) {
            out.append("<path class=\"mark mark-hand-move\" d=\"M").append(num(x1)).append(' ').append(y - 10)
                    .append(" l5 5 l-5 5 l-5 -5 z\"/>");
        }
        out.append("</g>\n");
    }

    private static void axis(StringBuilder out, double from, double to, int height) {
        int y = height - AXIS + 6;
        out.append("<g class=\"tl-axis\">");
        boolean days = to - from > 86_400_000;
        for (int i = 0; i <= 4; i++) {
            double t = from + (to - from) * i / 4;
            double x = x(t, from, to);
            out.append("<line class=\"tl-tick\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"")
                    .append(TOP - 6).append("\" y2=\"").append(y).append("\"/>");
            String anchor = i == 0 ? "start" : i == 4 ? "end" : "middle";
            Instant instant = Instant.ofEpochMilli((long) t);
            out.append("<text class=\"tl-time\" x=\"").append(num(x)).append("\" y=\"").append(y + 16).append("\" text-anchor=\"")
                    .append(anchor).append("\">").append(i == 4 ? "now" : (days ? DAY : CLOCK).format(instant)).append("</text>");
        }
        out.append("<text class=\"tl-time\" x=\"").append(LABEL - 10).append("\" y=\"").append(y + 16)
                .append("\" text-anchor=\"end\">UTC</text></g>\n");
    }

    private static double x(double t, double from, double to) {
        return LABEL + (t - from) / (to - from) * (WIDTH - LABEL - RIGHT);
    }

    // ---- text alternatives -----------------------------------------------------------------------------------------

    private static String description(Board board) {
        StringBuilder d = new StringBuilder();
        for (Lane lane : board.lanes()) {
            d.append(lane.environment()).append(" (").append(lane.tag().tag()).append(") holds ")
                    .append(lane.current() == null ? "nothing" : lane.current().shortForm()).append(", ")
                    .append(lane.state().label()).append(", ").append(lane.events().size()).append(" change(s) shown. ");
        }
        return d.toString().trim();
    }

    private static void timelineText(StringBuilder out, Board board) {
        out.append("<details class=\"timeline-text\">\n<summary>The timeline as text</summary>\n<ul>\n");
        for (Lane lane : board.lanes()) {
            out.append("<li><span class=\"env\">").append(text(lane.environment())).append("</span>");
            if (lane.events().isEmpty()) {
                out.append(": no recorded changes</li>\n");
                continue;
            }
            out.append(", newest first:<ol>");
            for (LaneEvent e : lane.events()) {
                out.append("<li>").append(text(eventText(e))).append("</li>");
            }
            out.append("</ol></li>\n");
        }
        out.append("</ul>\n</details>\n");
    }

    private static String chipTitle(Lane lane, LaneEvent e) {
        return lane.environment() + ": " + eventText(e);
    }

    private static String eventText(LaneEvent e) {
        String to = e.digest() == null ? "deleted the tag" : e.digest().toString();
        return switch (e.kind()) {
            case HAND_MOVE -> "hand move (time unknown) to " + to;
            case ROLLBACK, PROMOTION -> e.kind().label() + " to " + to + " at "
                    + (e.recordedAt() == null ? "an unknown time" : time(e.recordedAt()))
                    + (e.approvedBy().isEmpty() ? "" : ", approved by " + String.join(", ", e.approvedBy()));
        };
    }

    // ---- colours, escaping, formatting -----------------------------------------------------------------------------

    /** Each digest's colour: lanes' current digests first, in lane order, then those of older changes. */
    static Map<Digest, Integer> colours(Board board) {
        Map<Digest, Integer> colours = new LinkedHashMap<>();
        for (Lane lane : board.lanes()) {
            if (lane.current() != null) {
                colours.putIfAbsent(lane.current(), colours.size() % PALETTE);
            }
        }
        for (Lane lane : board.lanes()) {
            for (LaneEvent e : lane.events()) {
                if (e.digest() != null) {
                    colours.putIfAbsent(e.digest(), colours.size() % PALETTE);
                }
            }
        }
        return colours;
    }

    private static String colourClass(Map<Digest, Integer> colours, Digest digest) {
        return "dc-" + colours.getOrDefault(digest, 0);
    }

    private static String stateClass(LaneState state) {
        return switch (state) {
            case IN_SYNC -> "state-in-sync";
            case DRIFT -> "state-drift";
            case UNRECORDED -> "state-unrecorded";
            case NOT_CHECKED -> "state-not-checked";
        };
    }

    /** Escapes for HTML text and double-quoted attribute values alike; control characters become U+FFFD. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    static String attr(String s) {
        return text(s);
    }

    /** The URL when it is an absolute http or https URL with a host; {@code null} for anything else. */
    static String httpUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
