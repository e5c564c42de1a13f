package io.imagepromotion.core.transport;

import io.imagepromotion.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    private static final RetryPolicy POLICY =
            new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(30));

    @ParameterizedTest(name = "attempt {0}: {1}..{2} ms")
    @CsvSource({"1, 50, 100", "2, 100, 200", "3, 200, 400", "4, 400, 800", "5, 500, 1000", "6, 500, 1000", "40, 500, 1000",
            "1000, 500, 1000"})
    void backoffIsJitteredWithinHalfToFullOfTheCappedExponentialBound(int attempt, long min, long max) {
        long seenMin = Long.MAX_VALUE;
        long seenMax = Long.MIN_VALUE;
        for (int i = 0; i < 500; i++) {
            long ms = POLICY.delayAfter(attempt, null).toMillis();
            seenMin = Math.min(seenMin, ms);
            seenMax = Math.max(seenMax, ms);
        }
        assertTrue(seenMin >= min, "shortest delay " + seenMin + " < " + min);
        assertTrue(seenMax <= max, "longest delay " + seenMax + " > " + max);
        assertTrue(seenMax > seenMin, "delays are jittered");
    }

    @Test
    void delayNeverExceedsMaxBackoffForAnyAttempt() {
        for (int attempt = 1; attempt <= 100; attempt++) {
            Duration d = RetryPolicy.DEFAULT.delayAfter(attempt, null);
            assertTrue(!d.isNegative() && d.compareTo(RetryPolicy.DEFAULT.maxBackoff()) <= 0, attempt + ": " + d);
        }
    }

    @Test
    void retryAfterShorterThanMaxBackoffIsHonouredExactly() {
        assertEquals(Duration.ofMillis(700), POLICY.delayAfter(1, Duration.ofMillis(700)));
        assertEquals(Duration.ZERO, POLICY.delayAfter(3, Duration.ZERO));
    }

    @Test
    void retryAfterLongerThanMaxBackoffIsCapped() {
        assertEquals(Duration.ofMillis(1000), POLICY.delayAfter(1, Duration.ofHours(1)));
    }

    @Test
    void noRetryPolicyHasOneAttemptAndNoDelay() {
        assertEquals(1, RetryPolicy.NONE.maxAttempts());
        assertEquals(Duration.ZERO, RetryPolicy.NONE.delayAfter(1, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void throttlingAndGatewayErrorsAreRetryable(int status) {
        assertTrue(RetryPolicy.isRetryableStatus(status));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 400, 401, 403, 404, 500, 501})
    void otherStatusesAreNotRetried(int status) {
        assertFalse(RetryPolicy.isRetryableStatus(status));
    }

    @Test
    void fewerThanOneAttemptIsInvalid() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertTrue(e.getMessage().contains("at least 1, got 0"));
    }

    @Test
    void negativeDurationsAreInvalid() {
        assertThrows(InvalidInputException.class, () -> new RetryPolicy(2, Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO));
        assertThrows(InvalidInputException.class, () -> new RetryPolicy(2, Duration.ZERO, Duration.ofMillis(-1), Duration.ZERO));
        assertThrows(InvalidInputException.class, () -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ofMillis(-1)));
    }
}
