package io.imagepromotion.core.ledger;

import io.imagepromotion.core.error.InvalidInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** DSSE v1 (secure-systems-lab/dsse {@code protocol.md}): the pre-authentication encoding, and PEM keys for it. */
public final class Dsse {
    private Dsse() {
    }

    /** {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths in decimal bytes. */
    static byte[] pae(String payloadType, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The order of NIST P-256 (secp256r1), which tells it from other 256-bit curves such as secp256k1. */
    private static final java.math.BigInteger P256_ORDER =
            new java.math.BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    static String algorithm(Key key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> {
                if (key instanceof java.security.interfaces.ECKey ec && !P256_ORDER.equals(ec.getParams().getOrder())) {
                    throw new InvalidInputException("the ECDSA key is not on the P-256 curve (prime256v1):"
                            + " use a P-256 or an Ed25519 key");
                }
                yield "SHA256withECDSA";
            }
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new InvalidInputException("key algorithm " + key.getAlgorithm()
                    + " is not supported: use an ECDSA P-256 or an Ed25519 key");
        };
    }

    /** A PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}), EC P-256 or Ed25519. */
    public static PrivateKey readPrivateKey(Path file) {
        return privateKey(pem(read(file), file.toString(), "PRIVATE KEY"), file.toString());
    }

    /**
     * The same from PEM text held in memory (a Jenkins secret file credential), so the key never touches a disk;
     * {@code where} names it in errors, never its content.
     */
    public static PrivateKey readPrivateKey(String pemText, String where) {
        return privateKey(pem(pemText, where, "PRIVATE KEY"), where);
    }

    private static PrivateKey privateKey(byte[] der, String where) {
        for (String alg : new String[]{"EC", "Ed25519"}) {
            PrivateKey key;
            try {
                key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                continue; // try the next algorithm
            }
            algorithm(key); // refuses a curve other than P-256 now, not at the first signature
            return key;
        }
        throw new InvalidInputException(where + " holds no ECDSA or Ed25519 private key in PKCS#8 PEM"
                + " (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem)");
    }

    /** An X.509 SubjectPublicKeyInfo PEM public key ({@code -----BEGIN PUBLIC KEY-----}). */
    public static PublicKey readPublicKey(Path file) {
        byte[] der = pem(read(file), file.toString(), "PUBLIC KEY");
        for (String alg : new String[]{"EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new InvalidInputException(file + " holds no ECDSA or Ed25519 public key in PEM");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the key file " + file + ": " + e.getMessage());
        }
    }

    private static byte[] pem(String text, String where, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new InvalidInputException(where + " is not a PEM file with a " + begin + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + " has an invalid base64 body");
        }
    }
}
