package io.jenkins.plugins.imagepromotion.agent;

import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import io.imagepromotion.core.ledger.Dsse;
import io.imagepromotion.core.ledger.RecordSigner;
import io.jenkins.plugins.imagepromotion.log.SecretMask;
import io.jenkins.plugins.imagepromotion.model.ApprovalEntry;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent needs to write a promotion's ledger records beyond the step's arguments: the build's URL and, when
 * the step names a signing key credential, that key as PEM text. Sent with the callable, never stored; the key is
 * parsed where it is used and never printed.
 */
public final class LedgerOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The tool name written into every record. */
    public static final String TOOL_NAME = "image-promotion-jenkins-plugin";

    private final String ciRunUrl;
    private final String signingKeyId;
    private final String signingKeyPem;
    private final ArrayList<ApprovalEntry> approvals;

    private LedgerOptions(String ciRunUrl, String signingKeyId, String signingKeyPem, List<ApprovalEntry> approvals) {
        this.ciRunUrl = ciRunUrl;
        this.signingKeyId = signingKeyId;
        this.signingKeyPem = signingKeyPem;
        this.approvals = new ArrayList<>(approvals);
    }

    /** These options, the records also carrying {@code vouched}: the gate's approvals Jenkins authenticated. */
    public LedgerOptions withApprovals(List<ApprovalEntry> vouched) {
        return new LedgerOptions(ciRunUrl, signingKeyId, signingKeyPem, vouched);
    }

    /** The approvals Jenkins vouches for (a gate's), then those {@code approvedBy} asserts. */
    public List<Approval> approvals(String approvedBy, Instant at) {
        List<Approval> all = new ArrayList<>();
        approvals.forEach(a -> all.add(a.toApproval()));
        all.addAll(assertedApprovals(approvedBy, at));
        return all;
    }

    public List<ApprovalEntry> vouchedApprovals() {
        return List.copyOf(approvals);
    }

    /** Unsigned records naming {@code ciRunUrl} (may be {@code null}). */
    public static LedgerOptions unsigned(String ciRunUrl) {
        return new LedgerOptions(ciRunUrl, null, null, List.of());
    }

    /**
     * Records signed with the PKCS#8 PEM private key (ECDSA P-256 or Ed25519) of credentials {@code keyId}; the id
     * goes into the envelope as its key hint.
     */
    public static LedgerOptions signed(String ciRunUrl, String keyId, String pem) {
        return new LedgerOptions(ciRunUrl, keyId, pem, List.of());
    }

    public String ciRunUrl() {
        return ciRunUrl;
    }

    public boolean signs() {
        return signingKeyPem != null;
    }

    /**
     * The record signer; parsing the key here, before anything is written, makes a bad key fail the step before
     * any tag moves.
     *
     * @throws io.imagepromotion.core.error.InvalidInputException naming the credentials id, never the key
     */
    public RecordSigner signer() {
        if (signingKeyPem == null) {
            return RecordSigner.UNSIGNED;
        }
        return RecordSigner.dsse(Dsse.readPrivateKey(signingKeyPem, "the signing key credentials '" + signingKeyId
                + "'"), signingKeyId);
    }

    /**
     * The signing key's Base64 body, line by line (a PEM line is at most 64 characters, and the mask works per line),
     * for masking the build log; nothing for unsigned records.
     */
    public SecretMask secretMask() {
        if (signingKeyPem == null) {
            return SecretMask.none();
        }
        List<String> lines = new ArrayList<>();
        for (String line : signingKeyPem.split("\\R")) {
            String body = line.strip();
            if (body.length() >= 8 && !body.startsWith("-----")) {
                lines.add(body);
            }
        }
        return SecretMask.of(lines);
    }

    /**
     * {@code approvedBy} as the pipeline gave it (user ids, comma-separated) as approvals that only the pipeline
     * vouches for: authority {@code asserted}, never an approval Jenkins authenticated.
     */
    public static List<Approval> assertedApprovals(String approvedBy, Instant at) {
        List<Approval> approvals = new ArrayList<>();
        if (approvedBy != null) {
            for (String user : approvedBy.split(",")) {
                if (!user.isBlank()) {
                    approvals.add(new Approval(user.strip(), at, ApprovalAuthority.asserted()));
                }
            }
        }
        return approvals;
    }

    @Override
    public String toString() {
        return "ledger options (run " + ciRunUrl + ", " + (signs() ? "signed with '" + signingKeyId + "'" : "unsigned") + ")";
    }
}
