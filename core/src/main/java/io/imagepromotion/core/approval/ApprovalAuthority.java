package io.imagepromotion.core.approval;

import java.util.Objects;

/**
 * Who vouches for an approval.
 *
 * @param kind    {@link Kind#JENKINS}: Jenkins authenticated the approver's request and wrote the evidence itself;
 *                {@link Kind#ASSERTED}: a pipeline script or command line named the approver, and nobody checked
 * @param rootUrl the Jenkins root URL, {@code null} for an asserted approval or when Jenkins has none configured
 * @param run     the run that holds the evidence, e.g. {@code job/app/42/}, {@code null} for an asserted approval
 */
public record ApprovalAuthority(Kind kind, String rootUrl, String run) {
    public enum Kind { JENKINS, ASSERTED }

    public ApprovalAuthority {
        Objects.requireNonNull(kind, "kind");
    }

    public static ApprovalAuthority jenkins(String rootUrl, String run) {
        return new ApprovalAuthority(Kind.JENKINS, rootUrl, run);
    }

    public static ApprovalAuthority asserted() {
        return new ApprovalAuthority(Kind.ASSERTED, null, null);
    }
}
