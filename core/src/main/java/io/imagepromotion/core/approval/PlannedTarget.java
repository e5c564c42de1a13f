package io.imagepromotion.core.approval;

/** STUB of the contract (gatecore owns the real one). */
public record PlannedTarget(String target, String currentDigest) {
}
