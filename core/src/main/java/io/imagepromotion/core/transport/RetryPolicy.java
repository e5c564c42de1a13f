package io.imagepromotion.core.transport;

import io.imagepromotion.core.error.InvalidInputException;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries for connection errors and 429/502/503/504: jittered exponential backoff, honouring {@code Retry-After},
 * bounded both in attempts and in total time.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotal) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new InvalidInputException("retry attempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxTotal.isNegative()) {
            throw new InvalidInputException("retry durations must not be negative");
        }
    }

    public static boolean isRetryableStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /**
     * Delay before attempt {@code attempt + 1} (attempt counts from 1), full jitter over the exponential bound;
     * a server's {@code Retry-After} wins when it is given, capped at {@link #maxBackoff}.
     */
    public Duration delayAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        }
        long bound = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        long half = bound / 2;
        return Duration.ofMillis(half + (bound - half > 0 ? ThreadLocalRandom.current().nextLong(bound - half + 1) : 0));
    }
}
