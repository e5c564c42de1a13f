package io.jenkins.plugins.imagepromotion.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.error.NotFoundException;
import io.imagepromotion.core.error.PreconditionFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserErrorsTest {
    @Test
    void messagesAreKeptToOneLine() {
        assertEquals("first line second line", UserErrors.oneLine(new InvalidInputException("first line\r\n  second line\n")));
    }

    @Test
    void registryErrorsKeepTheirMessage() {
        assertEquals("image r.example.com/app:1 not found", UserErrors.oneLine(
                new NotFoundException("image r.example.com/app:1 not found", 404, List.of(), "r.example.com/app:1", "HEAD r")));
    }

    @Test
    void failedPreconditionsSaySo() {
        assertEquals("precondition failed: target r/app:prod exists", UserErrors.oneLine(
                new PreconditionFailedException("target r/app:prod exists", "r/app:prod", null, "sha256:x")));
    }

    @Test
    void anEmptyMessageFallsBackToTheErrorType() {
        assertEquals("InvalidInputException", UserErrors.oneLine(new InvalidInputException(" ")));
    }
}
