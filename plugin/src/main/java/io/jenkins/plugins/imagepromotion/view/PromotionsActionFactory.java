package io.jenkins.plugins.imagepromotion.view;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * Adds the Promotions page to every job (freestyle, Pipeline, branch jobs). {@code createFor} runs on every render
 * and URL dispatch, so it only wraps the job; all reading happens in the action's getters.
 */
@Extension
@SuppressWarnings("rawtypes")
public final class PromotionsActionFactory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return PromotionsAction.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        return List.of(PromotionsAction.of(target));
    }
}
