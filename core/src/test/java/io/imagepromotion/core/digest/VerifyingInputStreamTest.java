package io.imagepromotion.core.digest;

import io.imagepromotion.core.error.ContentMismatchException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyingInputStreamTest {
    private static final byte[] CONTENT = random(10_000, 1);

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A consumer such as an HTTP body publisher: keeps exactly the bytes each read returned. */
    private static final class Consumer {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        IOException drain(InputStream in, int bufferSize) {
            byte[] buffer = new byte[bufferSize];
            try {
                int n;
                while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                    received.write(buffer, 0, n);
                }
                return null;
            } catch (IOException e) {
                return e;
            }
        }

        IOException drainByteByByte(InputStream in) {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    received.write(b);
                }
                return null;
            } catch (IOException e) {
                return e;
            }
        }
    }

    /** Hands out at most one byte per read, as a slow network would. */
    private static InputStream trickling(byte[] content) {
        return new FilterInputStream(new ByteArrayInputStream(content)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static byte[] corrupted(byte[] content, int index) {
        byte[] copy = content.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    @Test
    void correctContentPassesUnchanged() throws IOException {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(CONTENT), Digest.sha256(CONTENT),
                CONTENT.length, "blob");
        Consumer consumer = new Consumer();
        assertEquals(null, consumer.drain(in, 4096));
        assertArrayEquals(CONTENT, consumer.received.toByteArray());
        assertEquals(CONTENT.length, in.bytesRead());
        assertTrue(in.failure().isEmpty());
        assertEquals(-1, in.read(), "end of stream stays end of stream");
    }

    @Test
    void correctContentPassesWhenReadByteByByte() {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(CONTENT), Digest.sha256(CONTENT),
                CONTENT.length, "blob");
        Consumer consumer = new Consumer();
        assertEquals(null, consumer.drainByteByByte(in));
        assertArrayEquals(CONTENT, consumer.received.toByteArray());
    }

    @Test
    void emptyContentWithTheEmptyDigestPasses() throws IOException {
        VerifyingInputStream in = new VerifyingInputStream(InputStream.nullInputStream(), Digest.sha256(new byte[0]), 0, "blob");
        assertEquals(-1, in.read(new byte[16], 0, 16));
        assertTrue(in.failure().isEmpty());
    }

    @Test
    void mismatchIsRaisedBeforeTheFinalByteIsDelivered() {
        byte[] bad = corrupted(CONTENT, CONTENT.length / 2);
        VerifyingInputStream in = new VerifyingInputStream(trickling(bad), Digest.sha256(CONTENT), CONTENT.length, "blob");
        Consumer consumer = new Consumer();

        IOException e = consumer.drain(in, 4096);

        assertInstanceOf(IOException.class, e);
        assertEquals(CONTENT.length - 1, consumer.received.size(), "the consumer must never get the last byte");
    }

    @Test
    void mismatchIsRaisedBeforeTheOnlyChunkIsDelivered() {
        byte[] bad = corrupted(CONTENT, 0);
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(bad), Digest.sha256(CONTENT),
                CONTENT.length, "blob");
        Consumer consumer = new Consumer();

        assertInstanceOf(IOException.class, consumer.drain(in, CONTENT.length * 2));
        assertEquals(0, consumer.received.size(), "a read that would complete the content must fail instead");
    }

    @Test
    void mismatchIsRaisedBeforeTheFinalByteWhenReadByteByByte() {
        byte[] bad = corrupted(CONTENT, CONTENT.length - 1);
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(bad), Digest.sha256(CONTENT),
                CONTENT.length, "blob");
        Consumer consumer = new Consumer();

        assertInstanceOf(IOException.class, consumer.drainByteByByte(in));
        assertEquals(CONTENT.length - 1, consumer.received.size());
        assertFalse(Arrays.equals(CONTENT, consumer.received.toByteArray()));
    }

    @Test
    void failureExposesTheContentMismatchAsCauseAndAccessor() {
        Digest expected = Digest.sha256(CONTENT);
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(corrupted(CONTENT, 5)), expected,
                CONTENT.length, "layer");

        IOException e = new Consumer().drain(in, 1024);

        ContentMismatchException failure = in.failure().orElseThrow();
        assertSame(failure, e.getCause(), "the IOException wraps the typed failure");
        assertTrue(failure.getMessage().contains("layer " + expected + " is corrupt"), failure.getMessage());
        assertTrue(failure.getMessage().contains("content hashes to " + Digest.sha256(corrupted(CONTENT, 5))),
                failure.getMessage());
    }

    @Test
    void shortStreamIsDetected() {
        byte[] shorter = Arrays.copyOf(CONTENT, CONTENT.length - 100);
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(shorter), Digest.sha256(CONTENT),
                CONTENT.length, "blob");

        IOException e = new Consumer().drain(in, 4096);

        assertInstanceOf(IOException.class, e);
        assertTrue(in.failure().orElseThrow().getMessage()
                .contains("stream ended after " + shorter.length + " of " + CONTENT.length + " bytes"));
    }

    @Test
    void longStreamIsDetectedAfterTheDeclaredSize() {
        // The first CONTENT.length bytes are the right content; the extra bytes still fail the read.
        byte[] longer = Arrays.copyOf(CONTENT, CONTENT.length + 10);
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(longer), Digest.sha256(CONTENT),
                CONTENT.length, "blob");
        Consumer consumer = new Consumer();

        assertInstanceOf(IOException.class, consumer.drain(in, 4096));
        assertTrue(in.failure().orElseThrow().getMessage().contains("more than the declared " + CONTENT.length + " bytes"));
        assertTrue(consumer.received.size() <= CONTENT.length, "never more than the declared size is delivered");
    }

    @Test
    void longStreamWhoseDigestCoversTheExtraBytesFailsBeforeTheLastDeclaredByte() {
        byte[] longer = Arrays.copyOf(CONTENT, CONTENT.length + 10);
        // declared size too small for the digest: the prefix does not hash to it
        VerifyingInputStream in = new VerifyingInputStream(trickling(longer), Digest.sha256(longer), CONTENT.length, "blob");
        Consumer consumer = new Consumer();

        assertInstanceOf(IOException.class, consumer.drain(in, 4096));
        assertEquals(CONTENT.length - 1, consumer.received.size());
    }

    @Test
    void sha512DigestIsVerifiedToo() {
        Digest sha512 = Digest.parse("sha512:" + "0".repeat(128)).of(CONTENT);
        VerifyingInputStream good = new VerifyingInputStream(new ByteArrayInputStream(CONTENT), sha512, CONTENT.length, "blob");
        assertEquals(null, new Consumer().drain(good, 4096));
        VerifyingInputStream bad = new VerifyingInputStream(new ByteArrayInputStream(corrupted(CONTENT, 1)), sha512,
                CONTENT.length, "blob");
        assertInstanceOf(IOException.class, new Consumer().drain(bad, 4096));
    }

    @Test
    void skippingIsRefusedBecauseItWouldBypassVerification() {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(CONTENT), Digest.sha256(CONTENT),
                CONTENT.length, "blob");
        assertThrows(IOException.class, () -> in.skip(10));
        assertFalse(in.markSupported());
    }

    @Test
    void zeroLengthReadReturnsZeroWithoutConsuming() throws IOException {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(CONTENT), Digest.sha256(CONTENT),
                CONTENT.length, "blob");
        assertEquals(0, in.read(new byte[8], 0, 0));
        assertEquals(0, in.bytesRead());
    }
}
