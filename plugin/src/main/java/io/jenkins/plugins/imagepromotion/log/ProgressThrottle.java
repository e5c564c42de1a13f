package io.jenkins.plugins.imagepromotion.log;

import io.imagepromotion.core.promote.TransferProgress;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides which progress events reach the build log: the first one, then at most one per interval, and the final
 * one (all blobs done) exactly once. Keeps a long copy visible without flooding the log.
 */
public final class ProgressThrottle {
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private long lastReport;
    private boolean reportedAny;
    private boolean reportedFinish;

    public ProgressThrottle(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    public synchronized boolean shouldReport(TransferProgress progress) {
        long now = nanoClock.getAsLong();
        if (progress.finished()) {
            if (reportedFinish) {
                return false;
            }
            reportedFinish = true;
            reportedAny = true;
            lastReport = now;
            return true;
        }
        if (!reportedAny || now - lastReport >= intervalNanos) {
            reportedAny = true;
            lastReport = now;
            return true;
        }
        return false;
    }
}
