package io.imagepromotion.core.promote;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.lock.TargetLocks;

import java.time.Duration;
import java.util.Objects;

/**
 * How a promotion shares its target tags with other writers. Immutable; validated when built.
 *
 * <ul>
 *   <li>{@link #locks()}: which writers are serialised with this one. The check, the write and the proof of every
 *   target tag happen while its lock is held, so inside one JVM ({@link TargetLocks#inProcess()}, the default) and,
 *   with lock files, on one machine, {@code expectCurrent} is exact.</li>
 *   <li>{@link #lockTimeout()}: how long to wait for another writer of the same target before giving up.</li>
 *   <li>{@link #settleDelay()}: the pause between the tag writes and the proof, which gives a writer on another machine
 *   whose PUT was in flight at the same time the chance to land, so that the proof sees it.</li>
 *   <li>{@link #proveByReadBack()}: whether each written tag is read back (one HEAD) before success is reported. Off,
 *   the registry's answer to the PUT is trusted, which cannot see a writer that came just after: only for measuring
 *   what the read-back catches.</li>
 * </ul>
 */
public final class TagWritePolicy {
    /** Measured in docs/reliability.md: long enough to catch the racing PUTs seen on loopback, short next to a copy. */
    public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofMillis(20);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration MAX_SETTLE_DELAY = Duration.ofSeconds(10);

    private final TargetLocks locks;
    private final Duration lockTimeout;
    private final Duration settleDelay;
    private final boolean proveByReadBack;

    private TagWritePolicy(Builder b) {
        this.locks = b.locks;
        this.lockTimeout = b.lockTimeout;
        this.settleDelay = b.settleDelay;
        this.proveByReadBack = b.proveByReadBack;
    }

    /** In-process lock, 5 minutes' wait, {@link #DEFAULT_SETTLE_DELAY}, read-back on. */
    public static TagWritePolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public TargetLocks locks() {
        return locks;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    public Duration settleDelay() {
        return settleDelay;
    }

    public boolean proveByReadBack() {
        return proveByReadBack;
    }

    @Override
    public String toString() {
        return "TagWritePolicy[locks " + (locks.enabled() ? "on" : "off") + ", wait " + lockTimeout + ", settle " + settleDelay
                + ", read-back " + (proveByReadBack ? "on" : "off") + "]";
    }

    public static final class Builder {
        private TargetLocks locks = TargetLocks.inProcess();
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration settleDelay = DEFAULT_SETTLE_DELAY;
        private boolean proveByReadBack = true;

        private Builder() {
        }

        public Builder locks(TargetLocks targetLocks) {
            this.locks = Objects.requireNonNull(targetLocks, "locks");
            return this;
        }

        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = Objects.requireNonNull(timeout, "lockTimeout");
            return this;
        }

        public Builder settleDelay(Duration delay) {
            this.settleDelay = Objects.requireNonNull(delay, "settleDelay");
            return this;
        }

        public Builder proveByReadBack(boolean prove) {
            this.proveByReadBack = prove;
            return this;
        }

        public TagWritePolicy build() {
            if (lockTimeout.isNegative()) {
                throw new InvalidInputException("the lock timeout must not be negative, got " + lockTimeout);
            }
            if (settleDelay.isNegative() || settleDelay.compareTo(MAX_SETTLE_DELAY) > 0) {
                throw new InvalidInputException("the settle delay before the read-back must be between 0 and "
                        + MAX_SETTLE_DELAY.toSeconds() + " s, got " + settleDelay.toMillis() + " ms");
            }
            return new TagWritePolicy(this);
        }
    }
}
