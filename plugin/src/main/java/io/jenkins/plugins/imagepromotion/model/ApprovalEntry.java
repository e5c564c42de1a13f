package io.jenkins.plugins.imagepromotion.model;

import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import java.io.Serializable;
import java.time.Instant;

/**
 * One approval a promotion carries, as plain values (it travels to the agent and is stored in {@code build.xml}):
 * who, when, and who vouches for it. {@code jenkins}: Jenkins authenticated the approver's click on a gate round of
 * {@code run} at {@code rootUrl}; {@code asserted}: the pipeline named the person ({@code approvedBy:}), nobody checked.
 */
public final class ApprovalEntry implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String JENKINS = "jenkins";
    public static final String ASSERTED = "asserted";

    private final String user;
    private final long at;
    private final String authority;
    private final String rootUrl;
    private final String run;
    private final String gate;

    private ApprovalEntry(String user, long at, String authority, String rootUrl, String run, String gate) {
        this.user = user;
        this.at = at;
        this.authority = authority;
        this.rootUrl = rootUrl;
        this.run = run;
        this.gate = gate;
    }

    /** @param run the build holding the evidence, e.g. {@code job/app/42/} */
    public static ApprovalEntry jenkins(String user, Instant at, String rootUrl, String run, String gate) {
        return new ApprovalEntry(user, at.toEpochMilli(), JENKINS, rootUrl, run, gate);
    }

    public static ApprovalEntry asserted(String user, Instant at) {
        return new ApprovalEntry(user, at.toEpochMilli(), ASSERTED, null, null, null);
    }

    /** The core's approval, for the ledger record. */
    public Approval toApproval() {
        return new Approval(user, Instant.ofEpochMilli(at), JENKINS.equals(authority)
                ? ApprovalAuthority.jenkins(rootUrl, run) : ApprovalAuthority.asserted());
    }

    public String getUser() {
        return user;
    }

    public long getAt() {
        return at;
    }

    /** ISO-8601 UTC. */
    public String getTime() {
        return Instant.ofEpochMilli(at).toString();
    }

    public String getAuthority() {
        return authority;
    }

    public boolean isVouched() {
        return JENKINS.equals(authority);
    }

    /** "approved in Jenkins" or "asserted by the pipeline": how the build page and the log name it. */
    public String getAuthorityText() {
        return isVouched() ? "approved in Jenkins" : "asserted by the pipeline";
    }

    public String getRootUrl() {
        return rootUrl;
    }

    public String getRun() {
        return run;
    }

    public String getGate() {
        return gate;
    }
}
