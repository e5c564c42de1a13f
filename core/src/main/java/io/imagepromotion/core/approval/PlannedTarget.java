package io.imagepromotion.core.approval;

/**
 * A target tag of a plan and the digest it held when the plan was made ({@code currentDigest} null = absent).
 */
public record PlannedTarget(String target, String currentDigest) {
}
