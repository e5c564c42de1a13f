package io.imagepromotion.core.digest;

import io.imagepromotion.core.error.InvalidInputException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest {@code algorithm:hex} as defined by the OCI image spec ("Digests"). Only the registered
 * algorithms {@code sha256} and {@code sha512} are accepted, with their exact lower-case hex lengths.
 */
public record Digest(String algorithm, String hex) {
    private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

    public Digest {
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha512" -> 128;
            default -> throw new InvalidInputException("unsupported digest algorithm '" + algorithm
                    + "': use sha256 (or sha512)");
        };
        if (hex.length() != expected || !HEX.matcher(hex).matches()) {
            throw new InvalidInputException("invalid " + algorithm + " digest '" + algorithm + ":" + hex
                    + "': expected " + expected + " lower-case hex characters");
        }
    }

    /** Parses {@code sha256:<64 hex>}; the error names what is wrong. */
    public static Digest parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("empty digest: expected sha256:<64 hex characters>");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidInputException("invalid digest '" + text + "': expected sha256:<64 hex characters>");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static Digest sha256(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(newMessageDigest("sha256").digest(content)));
    }

    /** Digest of {@code content} with this digest's algorithm, for verifying content against it. */
    public Digest of(byte[] content) {
        return new Digest(algorithm, HexFormat.of().formatHex(newMessageDigest(algorithm).digest(content)));
    }

    public MessageDigest newMessageDigest() {
        return newMessageDigest(algorithm);
    }

    static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without " + algorithm, e);
        }
    }

    /** First 12 hex characters, for labels such as {@code myapp@sha256:abcd1234ef56}. */
    public String shortForm() {
        return algorithm + ":" + hex.substring(0, 12);
    }

    // Written out: a record's generated equals/hashCode are bootstrapped by invokedynamic at first use, which costs a
    // fresh CLI process several milliseconds for each record type.
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && algorithm.equals(d.algorithm) && hex.equals(d.hex);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + hex.hashCode();
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
