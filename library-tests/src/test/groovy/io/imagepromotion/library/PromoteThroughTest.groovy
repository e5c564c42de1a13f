package io.imagepromotion.library

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertThrows
import static org.junit.jupiter.api.Assertions.assertTrue

import hudson.AbortException
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.function.Executable

/** vars/promoteThrough: one digest up the whole ladder, gated, validated and approved on the way. */
class PromoteThroughTest extends LibraryPipelineTest {
    static final String TAG = "${REPOSITORY}:1.4.2"

    private void registryWithOldReleases() {
        plugin.tags[TAG] = DIGEST_A
        plugin.tags[DEV] = DIGEST_C
        plugin.tags[STAGING] = DIGEST_C
        plugin.tags[PRODUCTION] = DIGEST_B
        run.startedBy = ['bob']
    }

    @Test
    void climbsEveryEnvironmentInOrderWithTheOneDigestValidatingOnTheWay() {
        registryWithOldReleases()
        plugin.rounds.addAll(['bob', 'alice', 'carol'])

        Map results = runPipeline('callPromoteThrough', [IMAGE: TAG, STAGES: true]) as Map

        assertEquals([[image: TAG, credentialsId: 'registry-read'], [image: DEV, credentialsId: 'registry-read'],
                      [image: STAGING, credentialsId: 'staging-push']], plugin.resolveCalls,
                'pinned once; each gate resolves the previous environment with its target credentials')
        String gate = plugin.gates.keySet().first()
        assertEquals([
                [image: PINNED_A, target: DEV, credentialsId: 'registry-read', expectCurrent: DIGEST_C, environment: 'dev'],
                [image: PINNED_A, target: STAGING, credentialsId: 'registry-read', targetCredentialsId: 'staging-push',
                 expectCurrent: DIGEST_C, environment: 'staging'],
                [image: PINNED_A, target: PRODUCTION, credentialsId: 'registry-read', approval: gate,
                 environment: 'production'],
        ], plugin.promotions())
        List<String> order = events.findAll { !it.startsWith('echo') && !it.startsWith('resolve') && !it.startsWith('promotionGate') }
        assertEquals([
                'stage Promote to dev', "promoteImage dryRun ${DEV}", 'milestone 10', "promoteImage ${DEV}", 'sh run-tests dev',
                'stage Promote to staging', "promoteImage dryRun ${STAGING}", 'milestone 20', "promoteImage ${STAGING}", 'sh validate staging',
                'stage Promote to production', 'planPromotion production', 'timeout 60 MINUTES',
                "approvePromotion ${gate} r1", "approvePromotion ${gate} r2", "approvePromotion ${gate} r3",
                'milestone 30', "promoteImage ${PRODUCTION}",
        ]*.toString(), order)
        assertTrue(logContains("promoteTo staging: gate passed: ${DEV} resolves to this digest now."), logText())
        assertTrue(logContains("promoteTo production: gate passed: ${STAGING} resolves to this digest now."), logText())
        assertEquals(['dev', 'staging', 'production'], results.keySet() as List)
        assertEquals(['alice', 'carol'], results.production.approvals*.user, 'bob started the run: his approval did not count')
        assertEquals([DIGEST_A] * 3, [DEV, STAGING, PRODUCTION].collect { plugin.tags[it] })
    }

    @Test
    void aFailedValidationStopsTheClimb() {
        registryWithOldReleases()
        helper.registerAllowedMethod('sh', [String], { String script ->
            events.add("sh ${script}".toString())
            if (script.contains('staging')) {
                throw new AbortException('script returned exit code 1')
            }
        })

        assertThrows(AbortException, { runPipeline('callPromoteThrough', [IMAGE: TAG, STAGES: true]) } as Executable)

        assertEquals([DEV, STAGING], plugin.promoteCalls*.target.unique())
        assertEquals(DIGEST_B, plugin.tags[PRODUCTION])
        assertEquals([], plugin.planCalls, 'production is never planned')
    }

    @Test
    void withoutStagesTheEnvironmentsAreNotWrapped() {
        registryWithOldReleases()
        plugin.rounds.addAll(['alice', 'carol'])

        runPipeline('callPromoteThrough', [IMAGE: PINNED_A, STAGES: false])

        assertEquals([], stages)
        assertEquals([DEV, STAGING], plugin.resolveCalls*.image, 'a pinned image is not resolved; only the gates resolve')
        assertEquals(3, plugin.promotions().size())
    }

    @Test
    void aBadEntryFailsBeforeAnythingIsResolvedOrPromoted() {
        registryWithOldReleases()
        Map ladder = [image: TAG, environments: [
                [name: 'dev', target: DEV],
                [name: 'production', target: PRODUCTION, approval: [aprovals: 2]]]]

        String message = runFailingPipeline('callPromoteThroughWithArguments', [LADDER_ARGS: ladder])

        assertEquals('promoteThrough environments[1] (production) approval: unknown argument \'aprovals\'. ' +
                'Allowed arguments: submitters, approvals, forbidSelfApproval, adminsCount, timeoutMinutes.', message)
        assertEquals([], plugin.resolveCalls)
        assertEquals([], plugin.promoteCalls)
    }

    @Test
    void refusesUnknownKeysDuplicatesAndMissingEnvironments() {
        Map<Map, String> refused = [
                ([image: TAG, environments: [[name: 'dev', target: DEV]], stage: false])                       :
                        "promoteThrough: unknown argument 'stage'. Allowed arguments: image, environments, credentialsId, targetCredentialsId, stages.",
                ([image: TAG, environments: [[name: 'dev', target: DEV, requires: STAGING]]])                  :
                        "promoteThrough environments[0]: unknown argument 'requires'. Allowed arguments: name, target, approval, milestone, credentialsId, targetCredentialsId, validate.",
                ([image: TAG, environments: []])                                                                :
                        "promoteThrough: 'environments' must be a non-empty List of Maps (one per environment, in order), got an empty List.",
                ([image: TAG, environments: [[name: 'dev', target: DEV], [name: 'dev', target: STAGING]]])     :
                        "promoteThrough: environment 'dev' is listed twice.",
                ([image: TAG, environments: [[name: 'dev', target: DEV], [name: 'qa', target: DEV]]])          :
                        "promoteThrough: target '${DEV}' is listed twice.",
                ([image: TAG, environments: [[name: 'dev', target: DEV, validate: 'make test']]])               :
                        "promoteThrough environments[0] (dev): 'validate' must be a closure, got String 'make test'.",
                ([image: TAG, environments: [[name: 'dev']]])                                                  :
                        "promoteThrough environments[0] (dev): 'target' is required.",
        ]
        refused.each { Map ladder, String expected ->
            assertEquals(expected.toString(), runFailingPipeline('callPromoteThroughWithArguments', [LADDER_ARGS: ladder]))
        }
        assertEquals([], plugin.promoteCalls)
    }
}
