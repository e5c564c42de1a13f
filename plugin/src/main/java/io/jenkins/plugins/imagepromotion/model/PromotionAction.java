package io.jenkins.plugins.imagepromotion.model;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.model.BuildBadgeAction;
import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import jenkins.model.RunAction2;

/**
 * Every promotion of a build, in order, and every digest the build published itself ({@code publishImage}: the
 * origin of that digest), shown on the build page ({@code summary.jelly}) and, for promotions, as a badge in the
 * build history ({@code badge.jelly}). Stored in {@code build.xml}: records hold references, digests, names and
 * times only.
 */
public final class PromotionAction implements RunAction2, BuildBadgeAction {
    /** Null when build.xml holds an action without the element; see {@link #readResolve()}. */
    private List<PromotionRecord> records = new ArrayList<>();
    /** Null in builds stored before publishImage existed; see {@link #readResolve()}. */
    private List<PublishRecord> origins = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Adds the record to the build's action (creating it) and saves the build. */
    public static void record(Run<?, ?> run, PromotionRecord record) throws IOException {
        update(run, action -> action.add(record));
    }

    /** Records where a digest came from (creating the action) and saves the build. */
    public static void recordOrigin(Run<?, ?> run, PublishRecord origin) throws IOException {
        update(run, action -> action.addOrigin(origin));
    }

    private static void update(Run<?, ?> run, Consumer<PromotionAction> change) throws IOException {
        synchronized (run) {
            PromotionAction action = run.getAction(PromotionAction.class);
            if (action == null) {
                action = new PromotionAction();
                change.accept(action);
                run.addAction(action);
            } else {
                change.accept(action);
            }
            run.save();
        }
    }

    /** XStream does not run field initializers. */
    private synchronized Object readResolve() {
        if (records == null) {
            records = new ArrayList<>();
        }
        if (origins == null) {
            origins = new ArrayList<>();
        }
        return this;
    }

    public synchronized void add(PromotionRecord record) {
        records.add(record);
    }

    public synchronized void addOrigin(PublishRecord origin) {
        origins.add(origin);
    }

    /** Digests this build published, oldest first. */
    public synchronized List<PublishRecord> getOrigins() {
        return List.copyOf(origins);
    }

    /** The latest publish of this build that produced {@code digest}, or {@code null}: where a promoted digest came from. */
    public synchronized PublishRecord originOf(String digest) {
        for (int i = origins.size() - 1; i >= 0; i--) {
            if (origins.get(i).getDigest().equals(digest)) {
                return origins.get(i);
            }
        }
        return null;
    }

    /** All records, dry runs included, oldest first. */
    public synchronized List<PromotionRecord> getRecords() {
        return List.copyOf(records);
    }

    /** Records of promotions that wrote something or found targets in place (not dry runs). */
    public synchronized List<PromotionRecord> getPromotions() {
        return records.stream().filter(r -> !r.isDryRun()).toList();
    }

    /** Badge tooltip: the promotions of this build, one label each; empty when all were dry runs. */
    public String getBadgeText() {
        return String.join("; ", getPromotions().stream().map(PromotionRecord::getLabel).toList());
    }

    public boolean isShowBadge() {
        return !getPromotions().isEmpty();
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
        return "Image promotions";
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
