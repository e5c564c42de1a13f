package io.imagepromotion.core.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Turns a record's statement into the bytes of its layer: the bare in-toto statement, or a DSSE envelope signed with
 * a private key (ECDSA P-256 with SHA-256, or Ed25519), using the JDK's own signature algorithms.
 */
public interface RecordSigner {
    /** A layer's bytes and media type. */
    record Layer(byte[] bytes, String mediaType) {
    }

    Layer layer(byte[] statement);

    RecordSigner UNSIGNED = statement -> new Layer(statement, LedgerFormat.STATEMENT_MEDIA_TYPE);

    /** Signs with {@code key}; {@code keyId} (may be empty) is written into the envelope as a hint. */
    static RecordSigner dsse(PrivateKey key, String keyId) {
        String algorithm = Dsse.algorithm(key);
        return statement -> {
            try {
                Signature s = Signature.getInstance(algorithm);
                s.initSign(key);
                s.update(Dsse.pae(LedgerFormat.STATEMENT_MEDIA_TYPE, statement));
                String envelope = "{\"payloadType\":\"" + LedgerFormat.STATEMENT_MEDIA_TYPE + "\",\"payload\":\""
                        + Base64.getEncoder().encodeToString(statement) + "\",\"signatures\":[{\"keyid\":\""
                        + keyId.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"sig\":\""
                        + Base64.getEncoder().encodeToString(s.sign()) + "\"}]}";
                return new Layer(envelope.getBytes(StandardCharsets.UTF_8), LedgerFormat.DSSE_MEDIA_TYPE);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signing the record failed: " + e.getMessage(), e);
            }
        };
    }
}
