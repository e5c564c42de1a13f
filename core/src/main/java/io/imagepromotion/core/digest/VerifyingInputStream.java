package io.imagepromotion.core.digest;

import io.imagepromotion.core.error.ContentMismatchException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes bytes as they stream through and fails the read that would reach the declared size if the digest does not
 * match, so an upload fed from this stream is never committed with corrupt content: the consumer sees an exception
 * before it has received the last byte.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final Digest expected;
    private final long expectedSize;
    private final MessageDigest hash;
    private final String what;
    private long count;
    private boolean verified;
    private ContentMismatchException failure;

    public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String what) {
        super(in);
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.hash = expected.newMessageDigest();
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (count >= expectedSize) {
            // Anything beyond the declared size is corruption; anything at it has been verified already.
            int extra = super.read(b, off, len);
            if (extra > 0) {
                throw mismatch("more than the declared " + expectedSize + " bytes");
            }
            verifyAtEnd();
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, expectedSize - count));
        if (n < 0) {
            throw mismatch("stream ended after " + count + " of " + expectedSize + " bytes");
        }
        hash.update(b, off, n);
        count += n;
        if (count == expectedSize) {
            // Check before handing over the final bytes: the consumer never completes an upload with bad content.
            verifyAtEnd();
        }
        return n;
    }

    private void verifyAtEnd() throws IOException {
        if (verified) {
            return;
        }
        Digest actual = new Digest(expected.algorithm(), java.util.HexFormat.of().formatHex(hash.digest()));
        if (!actual.equals(expected)) {
            throw mismatch("content hashes to " + actual);
        }
        verified = true;
    }

    private IOException mismatch(String detail) {
        failure = new ContentMismatchException(what + " " + expected + " is corrupt: " + detail
                + "; the copy was aborted before the upload was committed");
        // An IOException, so HTTP body publishers abort the request instead of swallowing a runtime exception.
        return new IOException(failure.getMessage(), failure);
    }

    /** The verification failure, if one happened; lets the caller rethrow it when the HTTP layer wrapped it. */
    public java.util.Optional<ContentMismatchException> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    public long bytesRead() {
        return count;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would bypass digest verification");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
