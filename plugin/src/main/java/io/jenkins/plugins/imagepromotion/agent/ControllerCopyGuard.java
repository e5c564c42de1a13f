package io.jenkins.plugins.imagepromotion.agent;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.promote.PromotionPlan;
import io.imagepromotion.core.promote.ReferrersCarried;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.promote.TransferProgress;
import io.imagepromotion.core.ref.ImageReference;
import java.util.List;

/**
 * For a promotion that runs on the controller (the step outside {@code node}): refuses, once the plan is known and
 * before anything is written, a plan that would stream blob bytes through the controller (a target on another
 * registry). Retags and same-registry mounts move no bytes and pass. Everything else goes to the wrapped listener.
 */
final class ControllerCopyGuard implements PromotionListener {
    private final PromotionListener delegate;

    ControllerCopyGuard(PromotionListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void planned(PromotionPlan plan) {
        delegate.planned(plan);
        List<String> copies = plan.targets().stream()
                .filter(t -> t.strategy() == PromotionPlan.Strategy.COPY)
                .map(t -> t.target().toString())
                .toList();
        if (!copies.isEmpty()) {
            throw new InvalidInputException("promoteImage runs on the controller here (outside any node block), and"
                    + " copying " + plan.source() + " to " + String.join(", ", copies) + " (another registry) would"
                    + " stream its blob bytes through the controller. Wrap the step in node('<label>') { } on an agent"
                    + " that reaches both registries; retags and promotions within one registry (blobs mounted) work"
                    + " outside node. Nothing was written");
        }
    }

    @Override
    public void resolved(ImageReference source, Digest digest, String mediaType) {
        delegate.resolved(source, digest, mediaType);
    }

    @Override
    public void progress(TransferProgress progress) {
        delegate.progress(progress);
    }

    @Override
    public void referrersCopied(ImageReference target, ReferrersCarried carried) {
        delegate.referrersCopied(target, carried);
    }

    @Override
    public void targetUpdated(TargetOutcome outcome) {
        delegate.targetUpdated(outcome);
    }

    @Override
    public void verified(ImageReference target, Digest digest) {
        delegate.verified(target, digest);
    }

    @Override
    public void warning(String message) {
        delegate.warning(message);
    }
}
