package io.imagepromotion.bench;

import java.util.Locale;
import java.util.Map;

/** Renders the results as Markdown: the tables docs/benchmarks.md is made from. */
final class MarkdownReport {
    private final StringBuilder out = new StringBuilder();

    void machine(Map<String, String> facts, BenchOptions options, String skopeoIsolation) {
        out.append("## Machine\n\n");
        facts.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v.replace("\n", "; ")).append('\n'));
        out.append("\nRuns per tool and cell: ").append(options.runs()).append("; in-process warm-up rounds: ")
                .append(options.warmups()).append(". skopeo: ").append(skopeoIsolation == null ? "not run" : skopeoIsolation)
                .append(".\n");
        out.append("bin/promote: HOME=<work dir>/promote-home (emptied at the start), XDG_CACHE_HOME unset, so its CDS archive ")
                .append("is made by this run under HOME/.cache/image-promotion.\n\n");
    }

    void sideBySide(SideBySide bench) {
        out.append("## Time: median (min–max) over the runs; ratio = ours / skopeo, of the medians\n\n");
        out.append("| image | scenario | skopeo | ours in-process | in-process ratio (target) | bin/promote | bin/promote ratio (target) | bin/promote, PROMOTE_CDS=off | ratio |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        bench.results.forEach((image, scenarios) -> scenarios.forEach((scenario, cell) -> {
            double sk = cell.get(Tool.SKOPEO).times.median();
            out.append("| ").append(image.name()).append(" | ").append(scenario.label).append(" | ")
                    .append(cell.get(Tool.SKOPEO).times.describe()).append(" | ")
                    .append(cell.get(Tool.IN_PROCESS).times.describe()).append(" | ")
                    .append(ratio(cell.get(Tool.IN_PROCESS).times.median(), sk, scenario.inProcessTarget())).append(" | ")
                    .append(cell.get(Tool.PROCESS).times.describe()).append(" | ")
                    .append(ratio(cell.get(Tool.PROCESS).times.median(), sk, scenario.processTarget())).append(" | ")
                    .append(cell.get(Tool.PROCESS_NO_CDS).times.describe()).append(" | ")
                    .append(ratio(cell.get(Tool.PROCESS_NO_CDS).times.median(), sk, Double.NaN)).append(" |\n");
        }));
        out.append("\n## Requests, from the registries' access logs (both registries summed)\n\n");
        out.append("| image | scenario | skopeo | ours in-process | ours bin/promote | protocol minimum | ours − minimum |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        bench.results.forEach((image, scenarios) -> scenarios.forEach((scenario, cell) -> {
            int minimum = scenario.minimumRequests(image);
            int ours = Math.max(cell.get(Tool.IN_PROCESS).maxRequests(), cell.get(Tool.PROCESS).maxRequests());
            int extra = ours - minimum;
            String why = extra == 0 ? "0 (at the minimum)"
                    : extra == scenario.safetyReads() ? "+" + extra + " (HEAD of the target before the write, read-back HEAD after it)"
                    : extra == scenario.safetyReads() + scenario.referrerDiscovery() && scenario.referrerDiscovery() > 0
                    ? "+" + extra + " (HEAD of the target before the write, read-back HEAD after it, tags/list and"
                            + " referrers probe at the source)"
                    : "+" + extra + " (see the breakdown)";
            out.append("| ").append(image.name()).append(" | ").append(scenario.label).append(" | ")
                    .append(cell.get(Tool.SKOPEO).requestRange()).append(" | ")
                    .append(cell.get(Tool.IN_PROCESS).requestRange()).append(" | ")
                    .append(cell.get(Tool.PROCESS).requestRange()).append(" | ")
                    .append(minimum).append(" | ").append(why).append(" |\n");
        }));
        out.append("\n### Request breakdown (method, endpoint kind, status × count)\n\n");
        bench.results.forEach((image, scenarios) -> scenarios.forEach((scenario, cell) -> {
            out.append("- ").append(image.name()).append(", ").append(scenario.label).append(":\n")
                    .append("  - skopeo: ").append(cell.get(Tool.SKOPEO).breakdowns()).append('\n')
                    .append("  - ours: ").append(cell.get(Tool.IN_PROCESS).breakdowns()).append('\n');
        }));
        out.append("\nskopeo's blob-info cache after a run: ").append(bench.skopeoCacheEvidence).append(".\n");
        FirstRunCost first = bench.firstRunCost;
        if (first != null) {
            out.append("\n## bin/promote's first copy after a jar build (makes the CDS archive)\n\n");
            out.append(String.format(Locale.ROOT, "%s; %d runs each, rotating. Archive for the timed runs: `%s`, %.1f MiB, made "
                    + "by one untimed copy like these.%n%n", first.scenario(), first.firstRun().size(), first.archiveName(),
                    first.archiveBytes() / 1048576.0));
            out.append("| bin/promote copy | median (min–max) | − later run, medians |\n|---|---|---|\n");
            double later = first.withArchive().median();
            out.append("| first run: no archive, lists its classes (the archive is dumped after it, in the background) | ").append(first.firstRun().describe()).append(" | ")
                    .append(signed(first.firstRun().median() - later)).append(" |\n");
            out.append("| then the background dump, until the archive is in place (not part of the run above) | ")
                    .append(first.dumpAfter().describe()).append(" | |\n");
            out.append("| later run: archive mapped (as in the table above) | ").append(first.withArchive().describe()).append(" | 0 |\n");
            out.append("| PROMOTE_CDS=off | ").append(first.cdsOff().describe()).append(" | ")
                    .append(signed(first.cdsOff().median() - later)).append(" |\n");
        }
        if (bench.startup != null) {
            out.append("\n## JVM start-up of bin/promote (").append(StartupProbe.REPEATS).append(" runs each)\n\n");
            out.append("| what | median (min–max) |\n|---|---|\n");
            bench.startup.times().forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v.describe()).append(" |\n"));
            out.append('\n');
            bench.startup.classLoads().forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
        }
        out.append("\nLoad average right after the side-by-side runs: ").append(bench.loadAverageAfter).append("\n\n");
    }

    private static String signed(double seconds) {
        return (seconds >= 0 ? "+" : "−") + Samples.seconds(Math.abs(seconds));
    }

    void memory(MemoryCheck check) {
        out.append(String.format(Locale.ROOT, "## Memory: %.0f MiB image (%d blobs) across registries%n%n",
                check.imageBytes / 1048576.0, check.imageBlobs));
        out.append(String.format(Locale.ROOT, "Image generated (streamed to disk) in %.1f s.%n%n", check.generationSeconds));
        out.append("| who | heap | result | wall time | peak RSS | requests | note |\n|---|---|---|---|---|---|---|\n");
        for (MemoryCheck.Run r : check.runs) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f s | %s | %d | %s |%n", r.who(), r.heap(),
                    r.succeeded() ? "ok" : "FAILED", r.seconds(), r.peakRssKib() < 0 ? "?" : (r.peakRssKib() / 1024) + " MiB",
                    r.requests(), r.note()));
        }
        out.append("\nOne run per row. Load average right after the memory check: ").append(check.loadAverageAfter).append("\n\n");
    }

    private static String ratio(double ours, double skopeo, double target) {
        double r = ours / skopeo;
        String value = String.format(Locale.ROOT, "%.2f", r);
        if (Double.isNaN(target)) {
            return value;
        }
        return value + (r <= target ? " ok" : " **miss**") + String.format(Locale.ROOT, " (≤ %.2f)", target);
    }

    String text() {
        return out.toString();
    }
}
