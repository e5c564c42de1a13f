package io.imagepromotion.library

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertFalse
import static org.junit.jupiter.api.Assertions.assertNull
import static org.junit.jupiter.api.Assertions.assertThrows
import static org.junit.jupiter.api.Assertions.assertTrue

import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException
import org.jenkinsci.plugins.workflow.steps.TimeoutStepExecution
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.function.Executable

/**
 * vars/promoteTo: with approval, planPromotion → gate on the previous environment → approvePromotion rounds until
 * promotionGate is complete → milestone → promoteImage(approval: id); without, pin → gate → dry run →
 * compare-and-set. The fake plugin follows the plugin's contract (PluginContractTest).
 */
class PromoteToTest extends LibraryPipelineTest {

    /** Staging holds A, production holds B, bob started the run. */
    private void productionReady() {
        plugin.tags[STAGING] = DIGEST_A
        plugin.tags[PRODUCTION] = DIGEST_B
        run.startedBy = ['bob']
    }

    private String gateId() {
        return plugin.planCalls.isEmpty() ? null : plugin.gates.keySet().first()
    }

    // 1. Plan

    @Test
    void plansWithPlanPromotionPassingThePolicyAndTheCredentials() {
        productionReady()
        plugin.rounds.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(credentialsId: 'read', targetCredentialsId: 'push')])

        assertEquals([[image: PINNED_A, target: PRODUCTION, environment: 'production', approvals: 2,
                       submitters: 'release-managers,alice', forbidSelfApproval: true, adminsCount: false,
                       credentialsId: 'read', targetCredentialsId: 'push']], plugin.planCalls)
        assertEquals([], plugin.dryRuns(), 'the plan is planPromotion (HEAD requests only), not a dry run')
    }

    @Test
    void submittersGivenAsAListAndAdminsCountReachThePlan() {
        productionReady()
        plugin.rounds.addAll(['alice'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(
                approval: [submitters: ['release-managers', ' alice '], adminsCount: true])])

        assertEquals('release-managers,alice', plugin.planCalls[0].submitters)
        assertEquals(true, plugin.planCalls[0].adminsCount)
        assertEquals(1, plugin.planCalls[0].approvals, 'one approval by default')
    }

    @Test
    void aTagIsPinnedByThePlanAndTheDigestIsPromoted() {
        plugin.tags["${REPOSITORY}:1.4.2".toString()] = DIGEST_A
        productionReady()
        plugin.rounds.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(image: "${REPOSITORY}:1.4.2")])

        assertEquals([STAGING], plugin.resolveCalls*.image, 'only the previous environment is resolved by a step')
        assertEquals([PINNED_A], plugin.promotions()*.image)
        assertTrue(logContains("pinned ${REPOSITORY}:1.4.2 to ${PINNED_A}"), logText())
    }

    // 2. Gate on the previous environment

    @Test
    void gatePassesWhenThePreviousTargetResolvesToTheDigestNow() {
        productionReady()
        plugin.rounds.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(requiresCredentialsId: 'staging-read')])

        assertEquals([[image: STAGING, credentialsId: 'staging-read']], plugin.resolveCalls)
        assertTrue(logContains("gate passed: ${STAGING} resolves to this digest now"), logText())
    }

    @Test
    void gateRefusesADigestThatIsNotInThePreviousEnvironmentBeforeAnyoneIsAsked() {
        plugin.tags[STAGING] = DIGEST_C
        plugin.tags[PRODUCTION] = DIGEST_B

        String message = runFailingPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals("promoteTo production: refused: ${DIGEST_A} is not in the previous environment: ".toString() +
                "${STAGING} resolves to ${DIGEST_C}. Promote this digest to ${STAGING} first.", message)
        assertFalse(events.any { it.startsWith('approvePromotion') }, 'nobody is asked')
        assertEquals([], plugin.promoteCalls)
        assertEquals(DIGEST_B, plugin.tags[PRODUCTION])
    }

    @Test
    void gateRefusesWhenThePreviousTargetDoesNotExist() {
        plugin.tags[PRODUCTION] = DIGEST_B

        String message = runFailingPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertTrue(message.startsWith("promoteTo production: refused: ${STAGING} (the previous environment) could not be resolved"), message)
        assertTrue(message.contains('manifest unknown'), message)
        assertEquals([], plugin.promoteCalls)
    }

    @Test
    void gateRefusesWhenThePreviousEnvironmentMovedOnAfterThisRunPromotedThere() {
        plugin.tags[PRODUCTION] = DIGEST_B
        // Another run moves staging on as soon as this run has promoted there: what staging holds now decides.
        plugin.beforePromotion = { String target ->
            if (target == STAGING) {
                events.add('staging promoted')
            }
        }
        helper.registerAllowedMethod('resolveImageDigest', [Map], { Map args ->
            if (args.image == STAGING && events.contains('staging promoted')) {
                plugin.tags[STAGING] = DIGEST_C
            }
            return plugin.resolveImageDigest(args)
        })

        String message = runFailingPipeline('stagingThenProduction', [
                STAGING_ARGS: [environment: 'staging', image: PINNED_A, target: STAGING],
                PRODUCTION_ARGS: productionArgs(approval: [approvals: 2])])

        assertTrue(message.contains("${STAGING} resolves to ${DIGEST_C}"), message)
        assertEquals([STAGING], plugin.promotions()*.target)
        assertEquals(DIGEST_B, plugin.tags[PRODUCTION])
    }

    // 3. Approval rounds

    @Test
    void roundsRunAfterThePlanAndTheGateAndThePromotionAfterTheMilestone() {
        productionReady()
        plugin.rounds.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(milestone: 40)])

        String id = gateId()
        List<String> steps = events.findAll { !it.startsWith('echo') }
        assertEquals(['planPromotion production', "resolveImageDigest ${STAGING}", 'timeout 60 MINUTES',
                      "promotionGate ${id}", "approvePromotion ${id} r1", "promotionGate ${id}",
                      "approvePromotion ${id} r2", "promotionGate ${id}", 'milestone 40',
                      "promoteImage ${PRODUCTION}"]*.toString(), steps)
        assertEquals([ordinal: 40, label: 'promote to production'], milestones[0])
    }

    @Test
    void twoDistinctApprovalsAreRequiredAndTheResultListsThemWithAuthorityJenkins() {
        productionReady()
        plugin.rounds.addAll(['alice', 'carol'])

        Map result = runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) as Map

        assertEquals(['alice', 'carol'], result.approvals*.user)
        assertEquals(['jenkins'], result.approvals*.authority.unique())
        assertTrue(logContains("promoted ${DIGEST_A} to ${PRODUCTION} (approved by alice, carol)"), logText())
        assertEquals(DIGEST_A, plugin.tags[PRODUCTION])
    }

    @Test
    void theSameUserApprovingTwiceCountsOnceSoAThirdRoundIsAsked() {
        productionReady()
        plugin.rounds.addAll(['alice', 'Alice', 'carol'])

        Map result = runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) as Map

        assertEquals(3, events.count { it.startsWith('approvePromotion') })
        assertEquals(['alice', 'carol'], result.approvals*.user)
    }

    @Test
    void twoApprovalsByOnePersonAreNotEnough() {
        productionReady()
        plugin.rounds.addAll(['alice', 'alice'])

        IllegalStateException error = assertThrows(IllegalStateException,
                { runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) } as Executable)

        assertTrue(error.message.contains('unexpected approval round 3'), error.message)
        assertEquals([], plugin.promotions())
    }

    @Test
    void theStartersApprovalDoesNotCountWithForbidSelfApproval() {
        productionReady()
        plugin.rounds.addAll(['bob', 'alice', 'carol'])

        Map result = runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) as Map

        assertEquals(['alice', 'carol'], result.approvals*.user)
        assertEquals(3, events.count { it.startsWith('approvePromotion') })
    }

    @Test
    void promoteImageGetsTheGateIdAndNeverTheApproversNames() {
        productionReady()
        plugin.rounds.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals([[image: PINNED_A, target: PRODUCTION, approval: gateId(), environment: 'production']],
                plugin.promotions())
        assertFalse(plugin.promoteCalls.any { it.containsKey('approvedBy') })
    }

    @Test
    void anAbortStopsThePromotionAndNamesWhoRejectedIt() {
        productionReady()
        plugin.rounds.addAll(['alice', [reject: 'dave']])

        assertThrows(FlowInterruptedException, { runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) } as Executable)

        assertTrue(logContains("promoteTo production: rejected by dave; ${DIGEST_A} was not promoted to ${PRODUCTION}."), logText())
        assertEquals([], plugin.promotions())
        assertEquals(DIGEST_B, plugin.tags[PRODUCTION])
    }

    @Test
    void timeoutMinutesWrapsEveryRound() {
        productionReady()
        plugin.rounds.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals([[time: 60, unit: 'MINUTES']], timeouts)
        assertEquals([1, 1], roundTimeoutDepths, 'every round runs inside the one timeout')
    }

    @Test
    void withoutTimeoutMinutesTheRoundsAreNotWrapped() {
        productionReady()
        plugin.rounds.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(approval: [approvals: 2])])

        assertEquals([], timeouts)
        assertEquals([0, 0], roundTimeoutDepths)
        assertNull(plugin.planCalls[0].submitters, 'no submitters: Jenkins decides who may approve')
    }

    @Test
    void aTimeoutStopsThePromotionAndSaysHowManyApprovalsArrived() {
        productionReady()
        plugin.rounds.addAll(['alice', new FlowInterruptedException('ABORTED', new TimeoutStepExecution.ExceededTimeout())])

        assertThrows(FlowInterruptedException, { runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) } as Executable)

        assertTrue(logContains("promoteTo production: no decision within 60 minute(s) (1 of 2 approvals); ${DIGEST_A} was not promoted"), logText())
        assertEquals([], plugin.promotions())
    }

    // 4. Promote exactly what was approved

    @Test
    void failsAndSaysSoWhenTheTargetMovedAfterThePlan() {
        productionReady()
        plugin.rounds.addAll(['alice', 'carol'])
        plugin.beforePromotion = { String target -> plugin.tags[target] = DIGEST_C }

        String message = runFailingPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertTrue(message.startsWith('promoteTo production: promoteImage failed: '), message)
        assertTrue(message.contains("conflict: ${PRODUCTION} is ${DIGEST_C}, expected ${DIGEST_B}"), message)
        assertEquals(DIGEST_C, plugin.tags[PRODUCTION], 'the target keeps what the other promotion wrote')
    }

    @Test
    void skipsApprovalWhenTheTargetAlreadyHasTheDigest() {
        plugin.tags[STAGING] = DIGEST_A
        plugin.tags[PRODUCTION] = DIGEST_A

        Map result = runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) as Map

        assertFalse(events.any { it.startsWith('approvePromotion') })
        assertEquals([], plugin.promotions())
        assertTrue(result.dryRun as boolean)
        assertTrue(logContains("${PRODUCTION} already points at ${DIGEST_A}; nothing to approve or promote."), logText())
    }

    // 5. Without approval

    @Test
    void promotesWithoutAskingWithCompareAndSetFromTheDryRun() {
        plugin.tags[DEV] = DIGEST_C

        runPipeline('callPromoteTo', [PROMOTE_ARGS: [environment: 'dev', image: PINNED_A, target: DEV,
                                                    credentialsId: 'read', targetCredentialsId: 'push']])

        assertEquals([], plugin.planCalls, 'no gate is recorded when nobody is asked')
        assertEquals([[image: PINNED_A, target: DEV, dryRun: true, credentialsId: 'read', targetCredentialsId: 'push']],
                plugin.dryRuns())
        assertEquals([[image: PINNED_A, target: DEV, credentialsId: 'read', targetCredentialsId: 'push',
                       expectCurrent: DIGEST_C, environment: 'dev']], plugin.promotions())
        assertEquals(DIGEST_A, plugin.tags[DEV])
    }

    @Test
    void withoutApprovalAnAbsentTargetIsWrittenWithExpectAbsent() {
        runPipeline('callPromoteTo', [PROMOTE_ARGS: [environment: 'dev', image: PINNED_A, target: DEV]])

        assertEquals([[image: PINNED_A, target: DEV, expectAbsent: true, environment: 'dev']], plugin.promotions())
    }

    @Test
    void withoutApprovalATagIsPinnedOnceWithResolveImageDigest() {
        plugin.tags["${REPOSITORY}:1.4.2".toString()] = DIGEST_A

        runPipeline('callPromoteTo', [PROMOTE_ARGS: [environment: 'dev', image: "${REPOSITORY}:1.4.2", target: DEV,
                                                    credentialsId: 'read']])

        assertEquals([[image: "${REPOSITORY}:1.4.2".toString(), credentialsId: 'read']], plugin.resolveCalls)
        assertEquals([PINNED_A], plugin.promoteCalls*.image.unique())
    }

    @Test
    void withoutApprovalAPinnedImageIsNotResolved() {
        runPipeline('callPromoteTo', [PROMOTE_ARGS: [environment: 'dev', image: PINNED_A, target: DEV]])

        assertEquals([], plugin.resolveCalls)
    }

    @Test
    void withoutApprovalATargetThatMovedAfterTheDryRunIsNotOverwritten() {
        plugin.tags[DEV] = DIGEST_B
        plugin.beforePromotion = { String target -> plugin.tags[target] = DIGEST_C }

        String message = runFailingPipeline('callPromoteTo', [PROMOTE_ARGS: [environment: 'dev', image: PINNED_A, target: DEV]])

        assertTrue(message.contains("conflict: ${DEV} is ${DIGEST_C}, expected ${DIGEST_B}"), message)
        assertEquals(DIGEST_C, plugin.tags[DEV])
    }

    @Test
    void withoutApprovalRefusesAPlanThatWasNotADryRun() {
        helper.registerAllowedMethod('promoteImage', [Map], { Map args -> plugin.promoteImage(args + [dryRun: false]) })

        String message = runFailingPipeline('callPromoteTo', [PROMOTE_ARGS: [environment: 'dev', image: PINNED_A, target: DEV]])

        assertEquals('promoteTo dev: promoteImage dry run did not report dryRun: true; refusing to continue.', message)
        assertEquals(1, plugin.promoteCalls.size(), 'no second promoteImage call')
    }
}
