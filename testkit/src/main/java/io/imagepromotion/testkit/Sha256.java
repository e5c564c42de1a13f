package io.imagepromotion.testkit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** "sha256:&lt;hex&gt;" digests, as used by OCI descriptors. */
final class Sha256 {
    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    static String digestOf(byte[] bytes) {
        return format(newDigest().digest(bytes));
    }

    static String format(byte[] hash) {
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    /** The hex part of a "sha256:&lt;64 hex&gt;" digest; rejects anything else so it is safe in file paths. */
    static String hex(String digest) {
        if (digest == null || !digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest + " (expected sha256:<64 lowercase hex>)");
        }
        return digest.substring("sha256:".length());
    }
}
