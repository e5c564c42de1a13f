package io.imagepromotion.core.digest;

import io.imagepromotion.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestTest {
    /** sha256 of the empty string and of "abc" (FIPS 180-2 test vectors). */
    private static final String EMPTY_SHA256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC_SHA256 = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String ABC_SHA512 = "sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    @Test
    void parsesSha256IntoAlgorithmAndHex() {
        Digest d = Digest.parse(ABC_SHA256);
        assertEquals("sha256", d.algorithm());
        assertEquals(ABC_SHA256.substring(7), d.hex());
        assertEquals(ABC_SHA256, d.toString());
    }

    @Test
    void parsesSha512() {
        assertEquals("sha512", Digest.parse(ABC_SHA512).algorithm());
    }

    @Test
    void sha256OfContentMatchesKnownVectors() {
        assertEquals(EMPTY_SHA256, Digest.sha256(new byte[0]).toString());
        assertEquals(ABC_SHA256, Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)).toString());
    }

    @Test
    void ofUsesTheDigestsOwnAlgorithm() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ABC_SHA512, Digest.parse(ABC_SHA512).of(abc).toString());
        assertEquals(ABC_SHA256, Digest.parse(EMPTY_SHA256).of(abc).toString());
    }

    @Test
    void equalDigestsAreEqualValues() {
        assertEquals(Digest.parse(ABC_SHA256), Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        assertNotEquals(Digest.parse(ABC_SHA256), Digest.parse(EMPTY_SHA256));
    }

    @Test
    void shortFormIsAlgorithmAndTwelveHexCharacters() {
        assertEquals("sha256:ba7816bf8f01", Digest.parse(ABC_SHA256).shortForm());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "sha256:abc                  | expected 64 lower-case hex characters",
            "sha256:                     | expected 64 lower-case hex characters",
            "sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD | expected 64 lower-case hex characters",
            "sha256:zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad | expected 64 lower-case hex characters",
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad00 | expected 64 lower-case hex characters",
            "sha512:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad | expected 128 lower-case hex characters",
            "md5:d41d8cd98f00b204e9800998ecf8427e | unsupported digest algorithm 'md5'",
            "SHA256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad | unsupported digest algorithm 'SHA256'",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad | expected sha256:<64 hex characters>",
            ":ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad | expected sha256:<64 hex characters>",
    })
    void invalidDigestIsRejectedNamingTheProblem(String text, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Digest.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void emptyDigestIsRejected(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Digest.parse(text));
        assertTrue(e.getMessage().startsWith("empty digest"), e.getMessage());
    }
}
