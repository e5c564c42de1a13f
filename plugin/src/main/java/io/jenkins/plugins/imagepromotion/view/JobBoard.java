package io.jenkins.plugins.imagepromotion.view;

import io.imagepromotion.core.board.Board;
import io.imagepromotion.core.board.BoardReader;
import io.imagepromotion.core.board.RecordedBoard;
import io.imagepromotion.core.board.RecordedPromotion;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import io.jenkins.plugins.imagepromotion.model.TargetRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The board of one job, built from the promotion records of its newest builds.
 *
 * <p><b>Bounded reads, no index.</b> At most {@link #MAX_BUILDS} builds are read per board, newest first, however
 * long the history: in Jenkins each build touched may parse its {@code build.xml}, and walking every build per render
 * is what makes promoted-builds' page slow. 100 is core's own cap for the {@code builds} it exports. A job-level index
 * written at each promotion would reach older promotions too, but it is a second copy of the records with its own
 * write path, locking and repair; the bounded window needs none of that and stays right when builds are deleted.
 * The cost: an environment last promoted more than 100 builds ago is not on the board, which says so
 * ({@link #truncated()}).
 *
 * @param buildsRead       how many builds were read
 * @param truncated        whether older builds exist that were not read
 * @param unreadableTargets target records left off the board because their reference or digest does not parse (a
 *                         build.xml edited by hand or by an older version): the page shows the rest and says how
 *                         many, rather than failing to render
 */
public record JobBoard(Board board, int buildsRead, boolean truncated, List<PromotedBuild> builds, int unreadableTargets) {
    /** Builds read per board at most. */
    public static final int MAX_BUILDS = 100;
    /** Builds looked at to decide whether a job shows its Promotions link: the build history widget's page size. */
    public static final int PROBE_BUILDS = 30;

    public JobBoard {
        builds = List.copyOf(builds);
    }

    /**
     * @param newestFirst the job's builds, newest first; iterated lazily and at most {@code maxBuilds} (+1 to see
     *                    whether more exist) steps
     * @param live        tags' current digests from a live check, or {@code null}
     */
    public static JobBoard read(Iterable<PromotedBuild> newestFirst, int maxBuilds, Map<ImageReference, Optional<Digest>> live,
                                Instant now) {
        List<PromotedBuild> read = new ArrayList<>();
        Iterator<PromotedBuild> it = newestFirst.iterator();
        while (read.size() < maxBuilds && it.hasNext()) {
            read.add(it.next());
        }
        boolean truncated = read.size() == maxBuilds && it.hasNext();
        List<PromotedBuild> oldestFirst = new ArrayList<>(read);
        Collections.reverse(oldestFirst);
        List<RecordedPromotion> promotions = new ArrayList<>();
        List<PromotedBuild> promoted = new ArrayList<>();
        int unreadable = 0;
        for (PromotedBuild build : oldestFirst) {
            boolean any = false;
            for (PromotionRecord r : build.records()) {
                if (r.isDryRun()) {
                    continue;
                }
                for (TargetRecord t : r.getTargets()) {
                    if (t.getReference() == null || r.getDigest() == null) {
                        unreadable++;
                        continue;
                    }
                    RecordedPromotion promotion;
                    try {
                        ImageReference tag = ImageReference.parse(t.getReference());
                        if (tag.tag() == null || tag.digest() != null) {
                            continue;
                        }
                        promotion = new RecordedPromotion(tag, r.getEnvironment(), Digest.parse(r.getDigest()),
                                t.getPreviousDigest() == null ? null : Digest.parse(t.getPreviousDigest()),
                                Instant.ofEpochMilli(r.getTimestamp()),
                                r.getApprovedBy() == null ? List.of() : List.of(r.getApprovedBy()), build.url(),
                                r.getPinnedSource());
                    } catch (InvalidInputException e) {
                        unreadable++;
                        continue;
                    }
                    promotions.add(promotion);
                    any = true;
                }
            }
            if (any) {
                promoted.add(build);
            }
        }
        Collections.reverse(promoted);
        Board board = RecordedBoard.build(promotions, live, now, BoardReader.DEFAULT_EVENTS);
        return new JobBoard(board, read.size(), truncated, promoted, unreadable);
    }

    /** Whether any of the newest {@code maxBuilds} builds promoted (not a dry run); stops at the first that did. */
    public static boolean anyPromotion(Iterable<PromotedBuild> newestFirst, int maxBuilds) {
        int seen = 0;
        for (PromotedBuild build : newestFirst) {
            if (seen++ >= maxBuilds) {
                return false;
            }
            if (build.records().stream().anyMatch(r -> !r.isDryRun())) {
                return true;
            }
        }
        return false;
    }
}
