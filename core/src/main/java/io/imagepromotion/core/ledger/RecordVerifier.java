package io.imagepromotion.core.ledger;

import io.imagepromotion.core.error.UnsupportedContentException;
import io.imagepromotion.core.json.JsonValue;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Reads a record's layer back into its statement and, with a public key, checks the DSSE signature. */
public final class RecordVerifier {
    /** The statement and what the check found. */
    public record Checked(byte[] statement, SignatureCheck result) {
    }

    public static final RecordVerifier NONE = new RecordVerifier(null);

    private final PublicKey key;

    private RecordVerifier(PublicKey key) {
        this.key = key;
    }

    public static RecordVerifier with(PublicKey key) {
        return new RecordVerifier(key);
    }

    Checked check(String mediaType, byte[] layer, String where) {
        if (!LedgerFormat.DSSE_MEDIA_TYPE.equals(mediaType)) {
            return new Checked(layer, key == null ? SignatureCheck.NOT_CHECKED : SignatureCheck.UNSIGNED);
        }
        JsonValue envelope;
        try {
            envelope = JsonValue.parse(layer);
        } catch (IOException e) {
            throw new UnsupportedContentException(where + " is not a valid DSSE envelope");
        }
        String payloadType = envelope.path("payloadType").asText("");
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(envelope.path("payload").asText(""));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedContentException(where + " has a DSSE payload that is not base64");
        }
        if (key == null) {
            return new Checked(payload, SignatureCheck.NOT_CHECKED);
        }
        byte[] pae = Dsse.pae(payloadType, payload);
        for (JsonValue sig : envelope.path("signatures")) {
            try {
                Signature s = Signature.getInstance(Dsse.algorithm(key));
                s.initVerify(key);
                s.update(pae);
                if (s.verify(Base64.getDecoder().decode(sig.path("sig").asText("")))) {
                    return new Checked(payload, SignatureCheck.VERIFIED);
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // a malformed signature is a bad one
            }
        }
        return new Checked(payload, SignatureCheck.BAD_SIGNATURE);
    }
}
