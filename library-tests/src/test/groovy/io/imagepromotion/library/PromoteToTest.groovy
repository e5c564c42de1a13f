package io.imagepromotion.library

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertFalse
import static org.junit.jupiter.api.Assertions.assertThrows
import static org.junit.jupiter.api.Assertions.assertTrue

import hudson.model.User
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException
import org.jenkinsci.plugins.workflow.steps.TimeoutStepExecution
import org.jenkinsci.plugins.workflow.support.steps.input.Rejection
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.function.Executable

/** vars/promoteTo: pin, gate, plan, approve, promote exactly what was approved, record. */
class PromoteToTest extends LibraryPipelineTest {

    /** Staging holds A, production holds B, bob started the run. */
    private void productionReady() {
        plugin.tags[STAGING] = DIGEST_A
        plugin.tags[PRODUCTION] = DIGEST_B
        run.startedBy = ['bob']
    }

    // 1. Pin

    @Test
    void pinsATagWithResolveImageDigestAndPromotesTheDigest() {
        plugin.tags["${REPOSITORY}:1.4.2".toString()] = DIGEST_A
        answers.addAll(['alice', 'carol'])
        productionReady()

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(image: "${REPOSITORY}:1.4.2", credentialsId: 'registry-read')])

        assertEquals([image: "${REPOSITORY}:1.4.2".toString(), credentialsId: 'registry-read'], plugin.resolveCalls[0])
        assertEquals([PINNED_A], plugin.promoteCalls*.image.unique())
        assertTrue(logContains("pinned ${REPOSITORY}:1.4.2 to ${PINNED_A}"))
    }

    @Test
    void doesNotResolveAnImageThatIsAlreadyPinned() {
        productionReady()
        answers.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals([STAGING], plugin.resolveCalls*.image, 'only the gate resolves, and only the previous environment')
    }

    // 2. Gate

    @Test
    void gatePassesWhenThePreviousTargetResolvesToTheDigestNow() {
        productionReady()
        answers.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertTrue(logContains("gate passed: ${STAGING} resolves to this digest now"), logText())
    }

    @Test
    void gateRefusesADigestThatIsNotInThePreviousEnvironment() {
        plugin.tags[STAGING] = DIGEST_C
        plugin.tags[PRODUCTION] = DIGEST_B

        String message = runFailingPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals("promoteTo production: refused: ${DIGEST_A} is not in the previous environment. ".toString() +
                "${STAGING} resolves to ${DIGEST_C}, and this run recorded no promotion of ${DIGEST_A} to it. " +
                "Promote this digest to ${STAGING} first.", message)
        assertEquals([], plugin.promoteCalls, 'refused before planning: promoteImage is never called')
        assertEquals([], inputs)
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
    void gatePassesWhenThisRunRecordedPromotingTheDigestToThePreviousTarget() {
        plugin.tags[STAGING] = DIGEST_C
        plugin.tags[PRODUCTION] = DIGEST_B
        // Another run moves staging on as soon as this run has promoted there: only this run's record can pass.
        plugin.beforePromotion = null
        answers.addAll(['alice', 'carol'])
        Map staging = [environment: 'staging', image: PINNED_A, target: STAGING]
        plugin.beforePromotion = { String target ->
            if (target == PRODUCTION) {
                plugin.tags[STAGING] = DIGEST_C
            }
        }

        List records = runPipeline('stagingThenProduction', [STAGING_ARGS: staging, PRODUCTION_ARGS: productionArgs(
                approval: [approvals: 2])]) as List

        assertTrue(logContains("gate passed: this run promoted this digest to ${STAGING} (environment staging)"), logText())
        assertEquals([STAGING], plugin.promotions()*.target.findAll { it == STAGING })
        assertEquals(['staging', 'production'], records*.environment)
        assertEquals(DIGEST_A, plugin.tags[PRODUCTION])
    }

    // 3. Plan

    @Test
    void approvalMessageShowsImageDigestTargetCurrentToNewDigestAndBytes() {
        productionReady()
        plugin.bytesToCopy = 52_428_800L
        answers.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        String message = inputs[0].message
        assertEquals("""Promote to production
  image:   ${PINNED_A}
  digest:  ${DIGEST_A}
  target:  ${PRODUCTION}
  change:  ${DIGEST_B} -> ${DIGEST_A}
  to copy: 50.0 MiB (52428800 bytes)
  gate:    ${STAGING} resolves to this digest now
Approvals: 0 of 2.
Started this run, so may not approve: bob.""".toString(), message)
        assertTrue(inputs[1].message.contains('Approvals: 1 of 2 (so far: alice).'), inputs[1].message)
    }

    @Test
    void planRunsBeforeApprovalAndPromotionAfterIt() {
        productionReady()
        answers.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(milestone: 40)])

        List<String> steps = events.findAll { !it.startsWith('echo') }
        assertEquals(["resolveImageDigest ${STAGING}", "promoteImage dryRun ${PRODUCTION}", 'timeout 60 MINUTES',
                      'input Promote-production-1', 'input Promote-production-2', 'milestone 40',
                      "promoteImage ${PRODUCTION}"]*.toString(), steps)
        assertEquals([ordinal: 40, label: 'promote to production'], milestones[0])
    }

    @Test
    void refusesAPlanThatWasNotADryRunBeforeAskingAnyone() {
        productionReady()
        helper.registerAllowedMethod('promoteImage', [Map], { Map args ->
            Map result = plugin.promoteImage(args + [dryRun: false])
            return result
        })

        String message = runFailingPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals('promoteTo production: promoteImage dry run did not report dryRun: true; refusing to continue.', message)
        assertEquals([], inputs)
        assertEquals(1, plugin.promoteCalls.size(), 'no second promoteImage call')
    }

    // 4. Approve

    @Test
    void twoDistinctApprovalsAreRequired() {
        productionReady()
        answers.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals(2, inputs.size())
        inputs.each {
            assertEquals('release-managers,alice', it.submitter)
            assertEquals('approver', it.submitterParameter)
        }
        assertEquals('alice,carol', plugin.promotions()[0].approvedBy)
    }

    @Test
    void theSameUserApprovingTwiceCountsOnce() {
        productionReady()
        answers.addAll(['alice', 'Alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals(3, inputs.size(), 'a third input is needed because alice approved twice')
        assertEquals('alice,carol', plugin.promotions()[0].approvedBy)
        assertTrue(logContains('Alice has already approved; it counts once. 1 more approval(s) from other users needed.'), logText())
    }

    @Test
    void oneApprovalIsNotEnoughWhenTwoAreRequired() {
        productionReady()
        answers.addAll(['alice', 'alice'])

        UnansweredInput error = assertThrows(UnansweredInput, { runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) } as Executable)

        assertTrue(error.message.contains('unexpected input #3'), error.message)
        assertEquals([], plugin.promotions())
    }

    @Test
    void selfApprovalIsRefusedWithForbidSelfApproval() {
        productionReady()
        answers.addAll(['bob', 'alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals('alice,carol', plugin.promotions()[0].approvedBy)
        assertTrue(logContains('bob started this run and may not approve it (forbidSelfApproval); 2 more approval(s)'), logText())
    }

    @Test
    void theStarterMayApproveWithoutForbidSelfApproval() {
        productionReady()
        answers.addAll(['bob'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(approval: [submitters: 'bob'])])

        assertEquals('bob', plugin.promotions()[0].approvedBy)
    }

    @Test
    void anAbortStopsThePromotionAndNamesWhoRejectedIt() {
        productionReady()
        FlowInterruptedException rejection = new FlowInterruptedException('ABORTED', new Rejection(new User('dave')))
        answers.addAll(['alice', rejection])

        FlowInterruptedException thrown = assertThrows(FlowInterruptedException,
                { runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) } as Executable)

        assertTrue(thrown.is(rejection), 'the interruption propagates so the build ends ABORTED')
        assertTrue(logContains("promoteTo production: rejected by dave; ${DIGEST_A} was not promoted to ${PRODUCTION}."), logText())
        assertEquals([], plugin.promotions())
        assertEquals(DIGEST_B, plugin.tags[PRODUCTION])
    }

    @Test
    void timeoutMinutesWrapsTheWholeWaitForApprovals() {
        productionReady()
        answers.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals([[time: 60, unit: 'MINUTES']], timeouts)
        assertEquals([1, 1], inputTimeoutDepths, 'every input runs inside the one timeout')
        assertFalse(events.indexOf("promoteImage ${PRODUCTION}".toString()) < events.indexOf('timeout 60 MINUTES'))
    }

    @Test
    void withoutTimeoutMinutesTheWaitIsNotWrapped() {
        productionReady()
        answers.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(approval: [approvals: 2])])

        assertEquals([], timeouts)
        assertEquals(null, inputs[0].submitter, 'no submitter: Jenkins decides who may approve')
    }

    @Test
    void aTimeoutStopsThePromotionAndSaysSo() {
        productionReady()
        answers.addAll(['alice', new FlowInterruptedException('ABORTED', new TimeoutStepExecution.ExceededTimeout())])

        assertThrows(FlowInterruptedException, { runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) } as Executable)

        assertTrue(logContains("promoteTo production: no decision within 60 minute(s) (1 of 2 approvals); ${DIGEST_A} was not promoted"), logText())
        assertEquals([], plugin.promotions())
    }

    @Test
    void anApprovalWithoutUserIdFails() {
        productionReady()
        answers.add([:])

        String message = runFailingPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertTrue(message.contains('the approval carried no user ID'), message)
        assertEquals([], plugin.promotions())
    }

    @Test
    void anInputAnswerWithParametersIsReadBySubmitterParameter() {
        productionReady()
        answers.addAll([[approver: 'alice', comment: 'ok'], [approver: 'carol', comment: 'ok']])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals('alice,carol', plugin.promotions()[0].approvedBy)
    }

    // 5. Promote exactly what was approved

    @Test
    void promotesWithTheApprovedPlansDigestAsExpectCurrent() {
        productionReady()
        answers.addAll(['alice', 'carol'])

        Map result = runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) as Map

        assertEquals([[image: PINNED_A, target: PRODUCTION, dryRun: true]], plugin.dryRuns())
        assertEquals([[image: PINNED_A, target: PRODUCTION, expectCurrent: DIGEST_B,
                       environment: 'production', approvedBy: 'alice,carol']], plugin.promotions())
        assertEquals(DIGEST_A, plugin.tags[PRODUCTION])
        assertEquals(DIGEST_A, result.digest)
        assertFalse(result.dryRun as boolean)
    }

    @Test
    void promotesWithExpectAbsentWhenThePlanShowedNoTarget() {
        plugin.tags[STAGING] = DIGEST_A
        answers.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertEquals([[image: PINNED_A, target: PRODUCTION, expectAbsent: true,
                       environment: 'production', approvedBy: 'alice,carol']], plugin.promotions())
        assertTrue(inputs[0].message.contains("change:  absent -> ${DIGEST_A}"), inputs[0].message)
    }

    @Test
    void failsAndSaysSoWhenTheTargetMovedAfterThePlan() {
        productionReady()
        answers.addAll(['alice', 'carol'])
        plugin.beforePromotion = { String target -> plugin.tags[target] = DIGEST_C }

        String message = runFailingPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        assertTrue(message.contains("conflict: ${PRODUCTION} is ${DIGEST_C}, expected ${DIGEST_B}"), message)
        assertTrue(message.contains("${PRODUCTION} moved after the approved plan: it was ${DIGEST_B} when approved and is ${DIGEST_C} now. " +
                "${DIGEST_A} was not promoted"), message)
        assertEquals(DIGEST_C, plugin.tags[PRODUCTION], 'the target keeps what the other promotion wrote')
        assertEquals(null, binding.getVariable('env').IMAGE_PROMOTION_RECORDS, 'a failed promotion is not recorded')
    }

    @Test
    void skipsApprovalWhenTheTargetAlreadyHasTheDigest() {
        plugin.tags[STAGING] = DIGEST_A
        plugin.tags[PRODUCTION] = DIGEST_A

        Map result = runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()]) as Map

        assertEquals([], inputs)
        assertEquals([], plugin.promotions())
        assertTrue(result.dryRun as boolean)
        assertTrue(logContains("${PRODUCTION} already points at ${DIGEST_A}; nothing to approve or promote."), logText())
    }

    @Test
    void promotesWithoutAskingWhenNoApprovalIsConfigured() {
        plugin.tags[DEV] = DIGEST_C

        runPipeline('callPromoteTo', [PROMOTE_ARGS: [environment: 'dev', image: PINNED_A, target: DEV,
                                                    credentialsId: 'read', targetCredentialsId: 'push']])

        assertEquals([], inputs)
        assertEquals([[image: PINNED_A, target: DEV, credentialsId: 'read', targetCredentialsId: 'push',
                       expectCurrent: DIGEST_C, environment: 'dev']], plugin.promotions())
    }

    // 6. Record

    @Test
    void recordsTheEnvironmentAndAllApproversForThisRun() {
        productionReady()
        answers.addAll(['alice', 'carol'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs()])

        Map promotion = plugin.promotions()[0]
        assertEquals('production', promotion.environment)
        assertEquals('alice,carol', promotion.approvedBy)
        String recorded = binding.getVariable('env').IMAGE_PROMOTION_RECORDS
        assertEquals(("production;${URLEncoder.encode(PRODUCTION, 'UTF-8')};${URLEncoder.encode(PRODUCTION, 'UTF-8')};" +
                "${URLEncoder.encode(DIGEST_A, 'UTF-8')};alice,carol").toString(), recorded)
    }
}
