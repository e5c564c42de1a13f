package io.imagepromotion.library

import hudson.AbortException

/**
 * Stands in for the image-promotion plugin's steps, following their contract: a registry reduced to a map of tag
 * references to digests. {@code resolveImageDigest} pins tags; {@code promoteImage} plans (dryRun) without writing,
 * and otherwise refuses with an AbortException when {@code expectCurrent}/{@code expectAbsent} does not match the
 * target, exactly when the real step reports a conflict.
 */
class FakePromotionPlugin {
    static final String MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json'

    /** The parameters and types the real steps declare (@DataBoundConstructor/@DataBoundSetter). */
    static final Map<String, Class> PROMOTE_IMAGE_PARAMETERS = [
            image: String, target: String, targets: List, credentialsId: String, targetCredentialsId: String,
            expectCurrent: String, expectAbsent: Boolean, dryRun: Boolean, environment: String, approvedBy: String,
            signingKeyCredentialsId: String, approval: String]
    static final Map<String, Class> PLAN_PROMOTION_PARAMETERS = [
            image: String, target: String, targets: List, environment: String, approvals: Integer, submitters: String,
            forbidSelfApproval: Boolean, adminsCount: Boolean, credentialsId: String, targetCredentialsId: String]
    static final Map<String, Class> APPROVE_PROMOTION_PARAMETERS = [gate: String]
    static final Map<String, Class> PROMOTION_GATE_PARAMETERS = [gate: String]
    static final Set<String> PLAN_RESULT_KEYS = ['id', 'environment', 'image', 'digest', 'targets', 'planHash',
            'alreadyPromoted', 'approvals', 'submitters', 'forbidSelfApproval', 'adminsCount', 'message'] as Set
    static final Set<String> GATE_RESULT_KEYS = ['id', 'environment', 'digest', 'complete', 'rejected', 'rejectedBy',
            'approvals', 'missing', 'approvers', 'refused', 'rounds', 'message'] as Set
    static final Map<String, Class> RESOLVE_IMAGE_DIGEST_PARAMETERS = [image: String, credentialsId: String]

    /** Tag reference -> digest: the registry state. */
    final Map<String, String> tags = [:]
    final List<Map> resolveCalls = []
    final List<Map> promoteCalls = []
    /** What a dry run reports as bytes to copy, and a real run as copied. */
    long bytesToCopy = 52_428_800L
    /** Runs before a real (non-dry) promotion: lets a test move the target behind the plan's back. */
    Closure beforePromotion = null
    /** Every plugin-step call in order, shared with the test's event list. */
    List<String> events

    FakePromotionPlugin(List<String> events) {
        this.events = events
    }

    String resolveImageDigest(Map args) {
        checkParameters('resolveImageDigest', args, RESOLVE_IMAGE_DIGEST_PARAMETERS)
        resolveCalls.add(new LinkedHashMap(args))
        events.add("resolveImageDigest ${args.image}".toString())
        String image = args.image
        if (image.contains('@')) {
            return image
        }
        String digest = tags[image]
        if (digest == null) {
            throw new AbortException("resolveImageDigest: ${image}: manifest unknown")
        }
        return repositoryOf(image) + '@' + digest
    }

    Map promoteImage(Map args) {
        checkParameters('promoteImage', args, PROMOTE_IMAGE_PARAMETERS)
        promoteCalls.add(new LinkedHashMap(args))
        boolean dryRun = args.dryRun == true
        events.add("promoteImage${dryRun ? ' dryRun' : ''} ${args.target}".toString())
        String source = args.image
        assert source.contains('@sha256:'): 'the promotion source must be pinned'
        String digest = source.substring(source.lastIndexOf('@') + 1)
        String target = args.target
        if (!dryRun && beforePromotion != null && args.approval == null) {
            beforePromotion.call(target)
        }
        String previous = tags[target]
        List<Map> approvals = []
        if (args.approval != null) {
            approvals = checkApproval(args, digest, target, previous)
        }
        if (!dryRun) {
            if (args.containsKey('expectCurrent') && previous != args.expectCurrent) {
                throw new AbortException("promoteImage: conflict: ${target} is ${previous ?: 'absent'}, expected ${args.expectCurrent}; nothing was written")
            }
            if (args.expectAbsent == true && previous != null) {
                throw new AbortException("promoteImage: conflict: ${target} exists (${previous}), expected it absent; nothing was written")
            }
            tags[target] = digest
        }
        boolean changed = previous != digest
        return [source         : source,
                digest         : digest,
                mediaType      : MEDIA_TYPE,
                targets        : [[reference: target, previousDigest: previous, changed: changed]],
                changed        : changed,
                blobsMounted   : 0,
                blobsCopied    : dryRun ? 0 : 3,
                blobsSkipped   : 0,
                bytesCopied    : changed ? bytesToCopy : 0L,
                manifestsPushed: dryRun ? 0 : 1,
                requests       : 7,
                dryRun         : dryRun,
                // as the plugin's ResultMap: one record per target tag when an environment is named
                ledger         : (args.environment && !dryRun) ? [[target: target, recorded: true,
                                  record: 'sha256:' + '0' * 64, signed: args.signingKeyCredentialsId != null,
                                  reason: null]] : [],
                recorded       : true,
                approvals      : approvals]
    }

    /**
     * promoteImage(approval:) as the plugin does it: the gate is looked up in this run's record (never the script's
     * map), the tally recomputed, the digest, the target and the count verified, and the write compare-and-set
     * against the digest the target held when planned. Returns the approvals as the result lists them.
     */
    private List<Map> checkApproval(Map args, String digest, String target, String previous) {
        if (args.containsKey('expectCurrent') || args.containsKey('expectAbsent')) {
            throw new AbortException('promoteImage: approval takes its expectations from the gate; do not pass expectCurrent or expectAbsent with it')
        }
        Map gate = gates[args.approval]
        if (gate == null) {
            throw new AbortException("promoteImage: no approval gate ${args.approval} in this build")
        }
        Map plan = gate.binding
        Map tally = promotionGate([gate: args.approval], false)
        if (args.environment != null && args.environment != plan.environment) {
            throw new AbortException("promoteImage: environment ${args.environment} differs from the gate's ${plan.environment}")
        }
        if (tally.rejected) {
            throw new AbortException("promoteImage: gate ${plan.id} was rejected by ${tally.rejectedBy}")
        }
        if (!tally.complete) {
            throw new AbortException("promoteImage: too few approvals: ${tally.approvers.size()} of ${plan.approvals}")
        }
        if (digest != plan.digest) {
            throw new AbortException("promoteImage: digest differs: approved ${plan.digest}, requested ${digest}")
        }
        Map planned = plan.targets.find { it.target == target }
        if (planned == null) {
            throw new AbortException("promoteImage: target ${target} was not approved; approved: ${plan.targets*.target.join(', ')}")
        }
        if (args.dryRun != true && beforePromotion != null) {
            beforePromotion.call(target)
        }
        String now = tags[target]
        if (now != planned.current) {
            throw new AbortException("promoteImage: conflict: ${target} is ${now ?: 'absent'}, expected ${planned.current ?: 'absent'} as when approved; nothing was written")
        }
        return tally.approvers.collect { [user: it.user, at: it.at, authority: 'jenkins'] }
    }

    /** Gate id -> [binding: the planPromotion map, decisions: [[user, rejected]] per settled round]. */
    final Map<String, Map> gates = [:]
    final List<Map> planCalls = []

    /**
     * planPromotion as the contract says: pins the image, reads each target's current digest, records the gate.
     * No registry writes.
     */
    Map planPromotion(Map args) {
        checkParameters('planPromotion', args, PLAN_PROMOTION_PARAMETERS)
        planCalls.add(new LinkedHashMap(args))
        events.add("planPromotion ${args.environment}".toString())
        // pins as the plugin does, in Java: no resolveImageDigest step call
        String image = args.image
        String pinned = image
        if (!image.contains('@')) {
            if (tags[image] == null) {
                throw new AbortException("planPromotion: ${image}: manifest unknown")
            }
            pinned = repositoryOf(image) + '@' + tags[image]
        }
        String digest = pinned.substring(pinned.lastIndexOf('@') + 1)
        List<String> targets = args.targets != null ? (List<String>) args.targets : [args.target as String]
        String id = "Gate-${args.environment}-${digest.substring(7, 15)}-${gates.size() + 1}".toString()
        Map plan = [id: id, environment: args.environment, image: pinned, digest: digest,
                    targets: targets.collect { [target: it, current: tags[it]] },
                    planHash: 'sha256:' + 'f' * 64,
                    alreadyPromoted: targets.every { tags[it] == digest },
                    approvals: args.approvals != null ? args.approvals : 1,
                    submitters: args.submitters ? (args.submitters as String).split(',').collect { it.trim() } : [],
                    forbidSelfApproval: args.forbidSelfApproval == true, adminsCount: args.adminsCount == true,
                    message: "Approve ${digest} to ${targets.join(', ')}".toString()]
        gates[id] = [binding: plan, decisions: []]
        return plan
    }

    /** The run, whose Cause$UserIdCause users are the starters forbidSelfApproval leaves out. */
    FakeRun run = new FakeRun()
    /** Who settles each approvePromotion round: a user id (Proceed), [reject: user] (Abort), or a Throwable. */
    final Deque<Object> rounds = new ArrayDeque<>()

    /** approvePromotion: one round, settled by the next entry of {@link #rounds}; refuses unknown/settled gates. */
    Object approvePromotion(Map args) {
        checkGateParameters('approvePromotion', args, APPROVE_PROMOTION_PARAMETERS)
        Map gate = gates[args.gate]
        if (gate == null) {
            throw new AbortException("approvePromotion: no gate ${args.gate} in this run")
        }
        Map tally = promotionGate(args, false)
        if (tally.complete || tally.rejected) {
            throw new AbortException("approvePromotion: gate ${args.gate} is already ${tally.rejected ? 'rejected' : 'complete'}")
        }
        events.add("approvePromotion ${args.gate} r${gate.decisions.size() + 1}".toString())
        if (rounds.isEmpty()) {
            throw new IllegalStateException("unexpected approval round ${gate.decisions.size() + 1} of ${args.gate}")
        }
        Object answer = rounds.removeFirst()
        if (answer instanceof Throwable) {
            throw (Throwable) answer
        }
        if (answer instanceof Map) {
            gate.decisions.add([user: answer.reject, rejected: true])
            throw new org.jenkinsci.plugins.workflow.steps.FlowInterruptedException('ABORTED',
                    new org.jenkinsci.plugins.workflow.support.steps.input.Rejection(new hudson.model.User(answer.reject as String)))
        }
        gate.decisions.add([user: answer, rejected: false])
        return null
    }

    /** promotionGate: the tally of the gate's settled rounds, with the contract's keys. */
    Map promotionGate(Map args, boolean logged = true) {
        checkGateParameters('promotionGate', args, PROMOTION_GATE_PARAMETERS)
        Map gate = gates[args.gate]
        if (gate == null) {
            throw new AbortException("promotionGate: no gate ${args.gate} in this run")
        }
        if (logged) {
            events.add("promotionGate ${args.gate}".toString())
        }
        Map plan = gate.binding
        List<Map> approvers = []
        List<Map> refused = []
        String rejectedBy = null
        gate.decisions.eachWithIndex { Map d, int i ->
            int round = i + 1
            String user = d.user
            if (d.rejected) {
                rejectedBy = user
            } else if (user == null) {
                refused.add([user: null, round: round, reason: 'an anonymous approval does not count'])
            } else if (plan.forbidSelfApproval && run.startedBy.any { it.equalsIgnoreCase(user) }) {
                refused.add([user: user, round: round, reason: "${user} started this run; their approval does not count".toString()])
            } else if (approvers.any { (it.user as String).equalsIgnoreCase(user) }) {
                refused.add([user: user, round: round, reason: "${user} has already approved; one person counts once".toString()])
            } else {
                approvers.add([user: user, at: '2026-12-07T08:00:0' + round + 'Z', round: round])
            }
        }
        int missing = Math.max(0, (plan.approvals as int) - approvers.size())
        return [id: plan.id, environment: plan.environment, digest: plan.digest, complete: missing == 0 && rejectedBy == null,
                rejected: rejectedBy != null, rejectedBy: rejectedBy, approvals: plan.approvals, missing: missing,
                approvers: approvers, refused: refused, rounds: gate.decisions.size(),
                message: "${approvers.size()} of ${plan.approvals} approvals".toString()]
    }

    static void checkGateParameters(String step, Map args, Map<String, Class> declared) {
        args.each { key, value ->
            if (!declared.containsKey(key as String)) {
                throw new IllegalArgumentException("${step} has no parameter '${key}'")
            }
        }
        if (!(args.gate instanceof String)) {
            throw new IllegalArgumentException("${step}: gate is required")
        }
    }

    /** Fails like Jenkins does when a step gets a parameter it does not declare, or a value of the wrong type. */
    static void checkParameters(String step, Map args, Map<String, Class> declared) {
        args.each { key, value ->
            Class type = declared[key as String]
            if (type == null) {
                throw new IllegalArgumentException("${step} has no parameter '${key}'")
            }
            if (value != null && !type.isInstance(value)) {
                throw new IllegalArgumentException("${step}: ${key} must be ${type.simpleName}, got ${value.getClass().simpleName}")
            }
        }
        if (!(args.image instanceof String)) {
            throw new IllegalArgumentException("${step}: image is required")
        }
    }

    List<Map> dryRuns() {
        return promoteCalls.findAll { it.dryRun == true }
    }

    /** The calls that could write: every promoteImage call without dryRun. */
    List<Map> promotions() {
        return promoteCalls.findAll { it.dryRun != true }
    }

    static String repositoryOf(String tagReference) {
        int slash = tagReference.lastIndexOf('/')
        int colon = tagReference.lastIndexOf(':')
        return colon > slash ? tagReference.substring(0, colon) : tagReference
    }
}
