package io.imagepromotion.core.transport;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryAfterHeaderTest {
    private static Optional<Duration> retryAfter(String value) {
        Map<String, List<String>> map = value == null ? Map.of() : Map.of("Retry-After", List.of(value));
        return RegistryTransport.retryAfter(HttpHeaders.of(map, (a, b) -> true));
    }

    @Test
    void secondsAreRead() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), retryAfter("3"));
        assertEquals(Optional.of(Duration.ofSeconds(120)), retryAfter(" 120 "));
    }

    @Test
    void negativeSecondsMeanNoWait() {
        assertEquals(Optional.of(Duration.ZERO), retryAfter("-5"));
    }

    @Test
    void httpDateInTheFutureIsTheTimeUntilThen() {
        String in30s = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = retryAfter(in30s).orElseThrow();
        assertTrue(d.compareTo(Duration.ofSeconds(27)) >= 0 && d.compareTo(Duration.ofSeconds(30)) <= 0, d::toString);
    }

    @Test
    void httpDateInThePastMeansNoWait() {
        assertEquals(Optional.of(Duration.ZERO), retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    }

    @Test
    void unparseableOrMissingValueIsIgnored() {
        assertEquals(Optional.empty(), retryAfter("soon"));
        assertEquals(Optional.empty(), retryAfter(null));
    }
}
