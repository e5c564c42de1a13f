package io.jenkins.plugins.imagepromotion.view;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.security.AnyTypePermission;
import io.imagepromotion.core.board.BoardHtml;
import io.imagepromotion.core.board.Lane;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.RecordOutcome;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.ref.ImageReference;
import io.jenkins.plugins.imagepromotion.model.ApprovalEntry;
import io.jenkins.plugins.imagepromotion.model.LedgerEntry;
import io.jenkins.plugins.imagepromotion.model.PromotionAction;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Benchmark, not a test: the job's Promotions page model with 1,000 builds on disk, our bounded render (newest first,
 * at most {@link JobBoard#MAX_BUILDS} builds, through {@link PromotionsAction} as the page calls it) against the full
 * walk promoted-builds does (every build.xml parsed, the board built from all). Each build.xml is read from disk and
 * parsed with XStream configured as in {@code PersistedActionXStreamTest}. Cold renders start with no build loaded (as
 * after a restart, or once Jenkins has let go of its soft references to the builds) and parse each build at most once
 * (RunMap keeps a loaded build); the same two renders are also timed with every build already loaded. Run with
 * {@code bench/run-page}; results in docs/benchmarks.md, "Promotions page: 1,000 builds".
 */
public final class JobPageBenchmark {
    static final int BUILDS = 1000;
    static final String REGISTRY = "registry.example.com/team/app";
    static final String ROOT_URL = "https://ci.example.com/";
    private static final JobPermissions ALLOWED = new JobPermissions() {
        public boolean mayRead() {
            return true;
        }

        public boolean mayBuild() {
            return true;
        }

        public void checkRead() {
        }

        public void checkBuild() {
        }
    };

    private JobPageBenchmark() {
    }

    // ---- what a build.xml holds here ---------------------------------------------------------------------------------

    /** The run element of a build.xml: Jenkins' own fields of a run and its actions (ours among them when it promoted). */
    static final class StoredBuild {
        int number;
        long timestamp;
        long startTime;
        long duration;
        String result;
        String builtOn;
        String keepLog;
        List<Object> actions = new ArrayList<>();
    }

    /** Like Jenkins' CauseAction with a UserIdCause. */
    static final class StoredCause {
        String userId;
        String shortDescription;
    }

    /** Like the git plugin's BuildData: the revision built. */
    static final class StoredRevision {
        String remoteUrl;
        String branch;
        String sha1;
        Map<String, String> buildsByBranchName = new LinkedHashMap<>();
    }

    static XStream jenkinsLike() {
        XStream xstream = new XStream();
        xstream.addPermission(AnyTypePermission.ANY);
        xstream.alias("build", StoredBuild.class);
        return xstream;
    }

    static Digest digest(int build) {
        return Digest.sha256(("app build " + build).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every 10th build promotes its image to dev; every 30th also to staging, every 90th also to prod (each behind a
     * gate with Jenkins approvals); every 50th, from the 7th, also holds a dry run to prod. The others hold no action
     * of ours.
     */
    static PromotionAction promotionsOf(int build) {
        List<PromotionRecord> records = new ArrayList<>();
        long at = time(build) + 300_000;
        if (build % 10 == 0) {
            records.add(record(build, "dev", build - 10, List.of(), at, false));
        }
        if (build % 30 == 0) {
            records.add(record(build, "staging", build - 30, List.of(
                    ApprovalEntry.jenkins("alice", Instant.ofEpochMilli(at), ROOT_URL, job(build), "staging")), at + 60_000, false));
        }
        if (build % 90 == 0) {
            records.add(record(build, "prod", build - 90, List.of(
                    ApprovalEntry.jenkins("alice", Instant.ofEpochMilli(at), ROOT_URL, job(build), "prod"),
                    ApprovalEntry.jenkins("bob", Instant.ofEpochMilli(at + 30_000), ROOT_URL, job(build), "prod")),
                    at + 120_000, false));
        }
        if (build % 50 == 7) {
            records.add(record(build, "prod", build - 90, List.of(), at, true));
        }
        if (records.isEmpty()) {
            return null;
        }
        PromotionAction action = new PromotionAction();
        records.forEach(action::add);
        return action;
    }

    private static PromotionRecord record(int build, String environment, int previousBuild, List<ApprovalEntry> approvals,
                                          long at, boolean dryRun) {
        ImageReference tag = ImageReference.parse(REGISTRY + ":" + environment);
        Digest previous = previousBuild < 1 ? null : digest(previousBuild);
        PromotionResult result = new PromotionResult(ImageReference.parse(REGISTRY + "-ci:build-" + build), digest(build),
                "application/vnd.oci.image.index.v1+json", List.of(new TargetOutcome(tag, previous, true)),
                14, 0, 0, 0L, 5, 23, dryRun);
        PromotionOutcome outcome = PromotionOutcome.from(result);
        if (!dryRun) {
            outcome = outcome.withLedger(List.of(LedgerEntry.from(new RecordOutcome(tag, true, false, null,
                    Digest.sha256(("statement " + build + environment).getBytes(StandardCharsets.UTF_8)),
                    Digest.sha256(("record " + build + environment).getBytes(StandardCharsets.UTF_8))), true)));
        }
        String approvedBy = approvals.isEmpty() ? null : String.join(",", approvals.stream().map(ApprovalEntry::getUser).toList());
        return PromotionRecord.of(outcome, environment, approvedBy, at, approvals);
    }

    private static long time(int build) {
        return 1_760_000_000_000L + build * 3_600_000L;
    }

    private static String job(int build) {
        return "job/app/" + build + "/";
    }

    static StoredBuild build(int number) {
        StoredBuild b = new StoredBuild();
        b.number = number;
        b.timestamp = time(number);
        b.startTime = time(number) + 12;
        b.duration = 842_000 + number % 97 * 1000L;
        b.result = "SUCCESS";
        b.builtOn = "agent-" + number % 4;
        StoredCause cause = new StoredCause();
        cause.userId = "alice";
        cause.shortDescription = "Started by user alice";
        b.actions.add(cause);
        StoredRevision revision = new StoredRevision();
        revision.remoteUrl = "https://git.example.com/team/app.git";
        revision.branch = "refs/remotes/origin/main";
        revision.sha1 = digest(number).hex().substring(0, 40);
        revision.buildsByBranchName.put("refs/remotes/origin/main", "#" + number);
        b.actions.add(revision);
        PromotionAction promotions = promotionsOf(number);
        if (promotions != null) {
            b.actions.add(promotions);
        }
        return b;
    }

    /** Writes {@code builds/1/build.xml} to {@code builds/<count>/build.xml} under {@code jobDir}. */
    static void writeBuilds(Path jobDir, int count) throws IOException {
        XStream xstream = jenkinsLike();
        for (int n = 1; n <= count; n++) {
            Path dir = Files.createDirectories(jobDir.resolve("builds").resolve(Integer.toString(n)));
            Files.writeString(dir.resolve("build.xml"), "<?xml version='1.0' encoding='UTF-8'?>\n" + xstream.toXML(build(n)));
        }
    }

    // ---- the job's builds, loaded lazily ------------------------------------------------------------------------------

    /**
     * A job's builds on disk as Jenkins' RunMap loads them: a build's build.xml is parsed the first time it is touched
     * and kept afterwards. {@link #iterator()} walks newest first the way {@code JenkinsJobs.newestFirst} does
     * ({@code getLastBuild()}, then {@code getPreviousBuild()} on each step, which loads the build before it).
     * One XStream serves every build, as Jenkins' one {@code Run.XSTREAM} does.
     */
    static final class BuildDirectory implements Iterable<PromotedBuild> {
        private final Path builds;
        private final int last;
        private final XStream xstream;
        private final Map<Integer, PromotedBuild> loaded = new HashMap<>();
        private int parsed;

        BuildDirectory(Path jobDir, int last, XStream xstream) {
            this.builds = jobDir.resolve("builds");
            this.last = last;
            this.xstream = xstream;
        }

        /** build.xml files parsed so far. */
        int parsed() {
            return parsed;
        }

        PromotedBuild load(int number) {
            return loaded.computeIfAbsent(number, n -> {
                StoredBuild b;
                parsed++;
                try (InputStream in = Files.newInputStream(builds.resolve(Integer.toString(n)).resolve("build.xml"))) {
                    b = (StoredBuild) xstream.fromXML(in);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                List<PromotionRecord> records = List.of();
                for (Object action : b.actions) {
                    if (action instanceof PromotionAction p) {
                        records = p.getRecords();
                    }
                }
                return new PromotedBuild(b.number, ROOT_URL + job(b.number), records);
            });
        }

        @Override
        public Iterator<PromotedBuild> iterator() {
            return new Iterator<>() {
                private PromotedBuild next = last < 1 ? null : load(last);

                public boolean hasNext() {
                    return next != null;
                }

                public PromotedBuild next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    PromotedBuild run = next;
                    next = run.number() > 1 ? load(run.number() - 1) : null;
                    return run;
                }
            };
        }

        /** Every build, newest first, as {@code job.getBuilds()} walked to its end gives them. */
        List<PromotedBuild> all() {
            List<PromotedBuild> all = new ArrayList<>();
            for (int n = last; n >= 1; n--) {
                all.add(load(n));
            }
            return all;
        }
    }

    // ---- the two renders ----------------------------------------------------------------------------------------------

    /** What one render produced: build.xml parsed, builds on the board, the lanes, and the timeline's HTML. */
    record Render(int parsed, int buildsRead, boolean truncated, List<String> lanes, int rows, String timelineHtml) {
    }

    /**
     * Ours: what the page asks of {@link PromotionsAction}, in the order the page does: the side panel's link
     * ({@code getIconFileName}, the newest 30 builds at most), {@code getTarget}, the board, the environment rows with
     * every getter the Jelly reads, the timeline HTML.
     */
    static Render bounded(BuildDirectory directory) {
        int before = directory.parsed();
        PromotionsAction action = new PromotionsAction(null, directory, ALLOWED);
        if (action.getIconFileName() == null) {
            throw new IllegalStateException("the job shows no Promotions link");
        }
        action.getTarget();
        JobBoard board = action.getBoard();
        List<EnvironmentRow> rows = action.getEnvironments();
        touch(rows);
        String html = action.getTimelineHtml();
        return new Render(directory.parsed() - before, board.buildsRead(), board.truncated(), lanes(board), rows.size(), html);
    }

    /** promoted-builds' way: every build loaded, the board built from all of them, then the same rows and timeline. */
    static Render fullWalk(BuildDirectory directory) {
        int before = directory.parsed();
        List<PromotedBuild> all = directory.all();
        JobBoard board = JobBoard.read(all, all.size(), null, Instant.now());
        List<EnvironmentRow> rows = new ArrayList<>();
        for (Lane lane : board.board().lanes()) {
            rows.add(new EnvironmentRow(board.board(), lane));
        }
        touch(rows);
        String html = BoardHtml.timeline(board.board());
        return new Render(directory.parsed() - before, board.buildsRead(), board.truncated(), lanes(board), rows.size(), html);
    }

    private static List<String> lanes(JobBoard board) {
        return board.board().lanes().stream().map(Lane::environment).toList();
    }

    private static int sink;

    private static void touch(List<EnvironmentRow> rows) {
        for (EnvironmentRow e : rows) {
            sink += String.valueOf(e.getName()).length() + String.valueOf(e.getDigest()).length()
                    + String.valueOf(e.getShortDigest()).length() + e.getTag().length() + Long.hashCode(e.getSince())
                    + String.valueOf(e.getSinceText()).length() + String.valueOf(e.getApprovedBy()).length()
                    + String.valueOf(e.getBuildUrl()).length() + e.getState().length() + e.getStateLabel().length()
                    + String.valueOf(e.getWaitingFor()).length() + e.getColourClass().length();
        }
    }

    // ---- measuring ----------------------------------------------------------------------------------------------------

    private interface Renderer {
        Render render();
    }

    private record Sample(long nanos, long allocated, Render render) {
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static Sample measure(Renderer renderer) {
        System.gc();
        long id = Thread.currentThread().getId();
        long bytes = THREADS.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        Render r = renderer.render();
        long nanos = System.nanoTime() - start;
        long allocated = THREADS.getThreadAllocatedBytes(id) - bytes;
        sink += r.timelineHtml().length();
        return new Sample(nanos, allocated, r);
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    public static void main(String[] args) throws IOException {
        int runs = Integer.getInteger("bench.runs", 21);
        int warmups = Integer.getInteger("bench.warmups", 10);
        Path work = Path.of(System.getProperty("bench.workDir", "target/page-bench"));
        Path jobDir = work.resolve("jobs").resolve("app");
        if (Files.exists(jobDir)) {
            try (var paths = Files.walk(jobDir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        writeBuilds(jobDir, BUILDS);
        long bytes = 0;
        long promotingBytes = 0;
        int promoting = 0;
        for (int n = 1; n <= BUILDS; n++) {
            long size = Files.size(jobDir.resolve("builds").resolve(Integer.toString(n)).resolve("build.xml"));
            bytes += size;
            if (promotionsOf(n) != null) {
                promoting++;
                promotingBytes += size;
            }
        }

        XStream xstream = jenkinsLike();
        BuildDirectory warm = new BuildDirectory(jobDir, BUILDS, xstream);
        warm.all();
        List<Renderer> renderers = List.of(
                () -> bounded(new BuildDirectory(jobDir, BUILDS, xstream)),
                () -> fullWalk(new BuildDirectory(jobDir, BUILDS, xstream)),
                () -> bounded(warm),
                () -> fullWalk(warm));
        List<String> names = List.of("bounded (ours, PromotionsAction), cold", "full walk (promoted-builds' way), cold",
                "bounded, every build already loaded", "full walk, every build already loaded");
        int k = renderers.size();
        for (int i = 0; i < warmups; i++) {
            for (int j = 0; j < k; j++) {
                measure(renderers.get((i + j) % k));
            }
        }
        long[][] nanos = new long[k][runs];
        long[][] allocated = new long[k][runs];
        Render[] renders = new Render[k];
        for (int i = 0; i < runs; i++) {
            // Who goes first rotates run by run.
            for (int j = 0; j < k; j++) {
                int r = (i + j) % k;
                Sample s = measure(renderers.get(r));
                nanos[r][i] = s.nanos();
                allocated[r][i] = s.allocated();
                renders[r] = s.render();
            }
        }
        long[] oursNanos = nanos[0];
        long[] oursBytes = allocated[0];
        long[] theirsNanos = nanos[1];
        long[] theirsBytes = allocated[1];
        double oursMs = median(oursNanos) / 1e6;
        double theirsMs = median(theirsNanos) / 1e6;
        double oursMiB = median(oursBytes) / (1024.0 * 1024.0);
        double theirsMiB = median(theirsBytes) / (1024.0 * 1024.0);
        StringBuilder out = new StringBuilder();
        out.append(String.format("Promotions page model, %d builds (%d holding promotion records), build.xml %.1f KiB in all,"
                        + " %.0f B mean (promoting builds %.0f B, others %.0f B)%n", BUILDS, promoting, bytes / 1024.0,
                (double) bytes / BUILDS, (double) promotingBytes / promoting, (double) (bytes - promotingBytes) / (BUILDS - promoting)));
        out.append(String.format("java %s, %s, %d processors, max heap %d MiB; %d warm-up rounds, %d measured rounds of the %d renders, order rotating%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024), warmups, runs, k));
        out.append("| render | build.xml parsed | builds on the board | lanes | median time (min-max) | median allocated |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (int r = 0; r < k; r++) {
            out.append(row(names.get(r), renders[r], nanos[r], median(nanos[r]) / 1e6, median(allocated[r]) / (1024.0 * 1024.0)));
        }
        out.append(String.format("ratio full walk / bounded, cold: time %.1f, allocated %.1f%n", theirsMs / oursMs, theirsMiB / oursMiB));
        out.append(String.format("ratio full walk / bounded, already loaded: time %.1f, allocated %.1f%n",
                median(nanos[3]) / median(nanos[2]), median(allocated[3]) / (double) median(allocated[2])));
        System.out.print(out);
        Files.createDirectories(work);
        Files.writeString(work.resolve("page-bench-results.md"), out.toString());
        if (sink == 42) {
            System.out.println();
        }
    }

    private static String row(String name, Render r, long[] nanos, double medianMs, double medianMiB) {
        long min = Arrays.stream(nanos).min().orElse(0);
        long max = Arrays.stream(nanos).max().orElse(0);
        return String.format("| %s | %d | %d%s | %s | %.1f ms (%.1f-%.1f) | %.1f MiB |%n", name, r.parsed(), r.buildsRead(),
                r.truncated() ? " (truncated)" : "", String.join(", ", r.lanes()), medianMs, min / 1e6, max / 1e6, medianMiB);
    }
}
