package io.jenkins.plugins.imagepromotion.view;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.model.Action;
import hudson.model.Api;
import hudson.model.Job;
import hudson.model.Run;
import io.imagepromotion.core.board.BoardHtml;
import io.imagepromotion.core.board.Lane;
import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.ref.ImageReference;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import io.jenkins.plugins.imagepromotion.config.ImagePromotionConfiguration;
import io.jenkins.plugins.imagepromotion.config.RegistryDirectory;
import io.jenkins.plugins.imagepromotion.credentials.CredentialAssignment;
import io.jenkins.plugins.imagepromotion.credentials.JenkinsCredentialLookup;
import io.jenkins.plugins.imagepromotion.credentials.RegistryCredentialSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerProxy;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The job's Promotions page ({@code /job/NAME/promotions/}), its REST API ({@code promotions/api/json}) and the
 * job-page box ({@code jobMain.jelly}). Made per call by {@link PromotionsActionFactory}, so it only wraps the job;
 * the board is built on first use and kept for the rest of this object's life (one request). Reads are bounded:
 * see {@link JobBoard}.
 */
@ExportedBean
public final class PromotionsAction implements Action, StaplerProxy {
    static final String ICON = "symbol-git-compare-outline plugin-ionicons-api";
    /** The last live check per job, until the next one or a restart. */
    private static final Map<Object, LiveCheck> LIVE_CHECKS = new WeakHashMap<>();

    private final Job<?, ?> job;
    private final Iterable<PromotedBuild> builds;
    private final JobPermissions permissions;
    private JobBoard board;

    PromotionsAction(Job<?, ?> job, Iterable<PromotedBuild> builds, JobPermissions permissions) {
        this.job = job;
        this.builds = builds;
        this.permissions = permissions;
    }

    static PromotionsAction of(Job<?, ?> job) {
        return new PromotionsAction(job, JenkinsJobs.newestFirst(job), JenkinsJobs.permissions(job));
    }

    @SuppressFBWarnings(value = "EI_EXPOSE_REP", justification = "the job, for the page's side panel")
    public Job<?, ?> getJob() {
        return job;
    }

    /** Every URL below {@code promotions/} needs Item/Read. */
    @Override
    public Object getTarget() {
        permissions.checkRead();
        return this;
    }

    /** Listed in the side panel only when one of the newest {@link JobBoard#PROBE_BUILDS} builds promoted. */
    @Override
    public String getIconFileName() {
        return isPromoted() ? ICON : null;
    }

    public boolean isPromoted() {
        return permissions.mayRead() && JobBoard.anyPromotion(builds, JobBoard.PROBE_BUILDS);
    }

    /** Whether the page offers the live check (Item/Build). */
    public boolean isMayCheck() {
        return permissions.mayBuild();
    }

    @Override
    public String getDisplayName() {
        return "Promotions";
    }

    @Override
    public String getUrlName() {
        return "promotions";
    }

    public synchronized JobBoard getBoard() {
        if (board == null) {
            LiveCheck live;
            synchronized (LIVE_CHECKS) {
                live = job == null ? null : LIVE_CHECKS.get(job);
            }
            board = JobBoard.read(builds, JobBoard.MAX_BUILDS, live == null ? null : live.heads(), Instant.now());
        }
        return board;
    }

    /** The environments, for the job's own api/json at default depth too. */
    @Exported(visibility = 2)
    public List<EnvironmentRow> getEnvironments() {
        JobBoard b = getBoard();
        List<EnvironmentRow> rows = new ArrayList<>();
        for (Lane lane : b.board().lanes()) {
            rows.add(new EnvironmentRow(b.board(), lane));
        }
        return rows;
    }

    @Exported(visibility = 2)
    public int getBuildsRead() {
        return getBoard().buildsRead();
    }

    @Exported(visibility = 2)
    public boolean isTruncated() {
        return getBoard().truncated();
    }

    /** When the last live check ran (epoch ms), {@code 0} when none since the controller started. */
    @Exported
    public long getLiveCheckedAt() {
        LiveCheck live = lastLiveCheck();
        return live == null ? 0 : live.checkedAt().toEpochMilli();
    }

    public LiveCheck lastLiveCheck() {
        synchronized (LIVE_CHECKS) {
            return job == null ? null : LIVE_CHECKS.get(job);
        }
    }

    /** The timeline as HTML from core's {@link BoardHtml}, which escapes every record string itself. */
    public String getTimelineHtml() {
        return BoardHtml.timeline(getBoard().board());
    }

    public Api getApi() {
        return new Api(this);
    }

    /**
     * Reads every environment tag's digest from its registry (one HEAD each) with the registries' default
     * credentials of the global configuration, looked up in the context of the job's newest promoting build, and
     * shows the board with DRIFT where a tag holds something else. POST with a crumb, Item/Build.
     */
    @RequirePOST
    public HttpResponse doLiveCheck() {
        permissions.checkBuild();
        List<ImageReference> tags = getBoard().board().lanes().stream().map(Lane::tag).toList();
        LiveCheck result;
        try {
            result = new LiveCheck(Instant.now(), TagHeads.read(tags, access(tags)), null);
        } catch (AbortException | ImagePromotionException e) {
            result = new LiveCheck(Instant.now(), Map.of(), e.getMessage());
        }
        synchronized (LIVE_CHECKS) {
            LIVE_CHECKS.put(job, result);
        }
        return HttpResponses.redirectToDot();
    }

    private RegistryAccess access(List<ImageReference> tags) throws AbortException {
        RegistryDirectory directory = ImagePromotionConfiguration.get().directory();
        Set<String> registries = new LinkedHashSet<>();
        tags.forEach(t -> registries.add(t.registry()));
        Map<String, RegistryCredentialSnapshot> snapshots = new LinkedHashMap<>();
        List<PromotedBuild> promoted = getBoard().builds();
        Run<?, ?> context = promoted.isEmpty() ? null : JenkinsJobs.build(job, promoted.get(0).number(), JobBoard.MAX_BUILDS);
        for (String registry : registries) {
            for (CredentialAssignment.Assignment a : CredentialAssignment.assign(registry, List.of(), null, null,
                    directory::defaultCredentialsId)) {
                if (context != null) {
                    snapshots.put(a.registry(), JenkinsCredentialLookup.snapshot(context, a));
                }
            }
        }
        return RegistryAccess.of(snapshots, directory.settingsFor(registries));
    }
}
