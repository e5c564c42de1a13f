package io.imagepromotion.core.ledger;

import io.imagepromotion.core.digest.Digest;

/** The names the ledger writes into registries; docs/ledger.md describes them. Changing one breaks every reader. */
public final class LedgerFormat {
    /** {@code artifactType} of a promotion record (the referrer whose {@code subject} is the promoted manifest). */
    public static final String RECORD_ARTIFACT_TYPE = "application/vnd.imagepromotion.record.v1+json";
    /** {@code artifactType} of a ledger page (the tagged manifest whose layers are the records' statements). */
    public static final String LEDGER_ARTIFACT_TYPE = "application/vnd.imagepromotion.ledger.v1+json";
    /** The in-toto predicate type of a record's statement. */
    public static final String PREDICATE_TYPE = "https://image-promotion.io/promotion-record/v1";
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String STATEMENT_MEDIA_TYPE = "application/vnd.in-toto+json";
    public static final String DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
    public static final String EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    public static final byte[] EMPTY_CONFIG = {'{', '}'};
    public static final Digest EMPTY_DIGEST = Digest.sha256(EMPTY_CONFIG);

    /** The head page of a repository's ledger; full pages move to {@code promotion-ledger-00001}, ... */
    public static final String LEDGER_TAG = "promotion-ledger";
    /** Entries per page before it is archived and a new head page starts. */
    public static final int PAGE_SIZE = 256;

    private static final String NS = "io.imagepromotion.";
    public static final String CREATED = "org.opencontainers.image.created";
    public static final String ENVIRONMENT = NS + "environment";
    public static final String TAG = NS + "tag";
    public static final String KIND = NS + "kind";
    public static final String DIGEST = NS + "digest";
    public static final String PREVIOUS_DIGEST = NS + "previous-digest";
    public static final String PLAN_HASH = NS + "plan-hash";
    public static final String RECORD = NS + "record";
    public static final String PREDECESSOR = NS + "predecessor";
    public static final String APPROVED_BY = NS + "approved-by";
    public static final String PAGE = NS + "ledger.page";
    public static final String PREVIOUS_PAGE = NS + "ledger.previous-page";

    private LedgerFormat() {
    }

    static String archiveTag(int page) {
        return LEDGER_TAG + "-" + String.format("%05d", page);
    }
}
