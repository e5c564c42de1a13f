package io.imagepromotion.core.ledger;

/** What checking a record against a public key found. */
public enum SignatureCheck {
    /** No key was given. */
    NOT_CHECKED,
    /** The record is a DSSE envelope signed by the key. */
    VERIFIED,
    /** The record is a bare statement. */
    UNSIGNED,
    /** The record is signed, but not by the key, or its statement was changed after signing. */
    BAD_SIGNATURE
}
