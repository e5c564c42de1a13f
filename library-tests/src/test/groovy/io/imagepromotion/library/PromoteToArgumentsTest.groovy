package io.imagepromotion.library

import static org.junit.jupiter.api.Assertions.assertEquals

import java.util.stream.Stream
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.Arguments
import org.junit.jupiter.params.provider.MethodSource

/**
 * promoteTo refuses bad arguments with one error naming the problem, before it resolves, plans, asks or promotes
 * anything. Unknown keys are never ignored. (What the values mean, e.g. a reference's syntax or the limit of 50
 * approvals, the plugin's steps check in Java; their offline tests cover it.)
 */
class PromoteToArgumentsTest extends LibraryPipelineTest {

    static Stream<Arguments> refusedArguments() {
        String allowed = 'environment, image, target, requires, approval, milestone, credentialsId, targetCredentialsId, requiresCredentialsId'
        String approvalKeys = 'submitters, approvals, forbidSelfApproval, adminsCount, timeoutMinutes'
        Map base = productionArgs()
        return Stream.of(
                Arguments.of('unknown key',
                        without(base, 'environment') + [environmnt: 'production'],
                        "promoteTo: unknown argument 'environmnt'. Allowed arguments: ${allowed}."),
                Arguments.of('two unknown keys',
                        base + [dryRun: true, targets: [PRODUCTION]],
                        "promoteTo: unknown arguments 'dryRun', 'targets'. Allowed arguments: ${allowed}."),
                Arguments.of('unknown approval key',
                        base + [approval: [approvals: 2, aprovers: 'alice']],
                        "promoteTo approval: unknown argument 'aprovers'. Allowed arguments: ${approvalKeys}."),
                Arguments.of('missing target', without(base, 'target'),
                        "promoteTo: 'target' is required."),
                Arguments.of('missing environment', without(base, 'environment'),
                        "promoteTo: 'environment' is required."),
                Arguments.of('environment with a space', base + [environment: 'prod env'],
                        "promoteTo: environment 'prod env' may contain only letters, digits, '.', '_' and '-' (at most 63, starting with a letter or digit)."),
                Arguments.of('image not a String', base + [image: 42],
                        "promoteTo: 'image' must be a String, got Integer '42'."),
                Arguments.of('requires is the target', base + [requires: PRODUCTION],
                        "promoteTo: requires names the target itself ('${PRODUCTION}'); it must name the previous environment's target."),
                Arguments.of('approval not a Map', base + [approval: 'release-managers'],
                        "promoteTo approval takes named arguments (a Map such as [submitters: ...]), got String 'release-managers'."),
                Arguments.of('approvals zero', base + [approval: [approvals: 0]],
                        "promoteTo approval: 'approvals' must be a whole number of at least 1, got Integer '0'."),
                Arguments.of('approvals as String', base + [approval: [approvals: '2']],
                        "promoteTo approval: 'approvals' must be a whole number of at least 1, got String '2'."),
                Arguments.of('approvals fractional', base + [approval: [approvals: 1.5]],
                        "promoteTo approval: 'approvals' must be a whole number of at least 1, got BigDecimal '1.5'."),
                Arguments.of('negative timeout', base + [approval: [timeoutMinutes: -5]],
                        "promoteTo approval: 'timeoutMinutes' must be a whole number of at least 1, got Integer '-5'."),
                Arguments.of('forbidSelfApproval as String', base + [approval: [forbidSelfApproval: 'yes']],
                        "promoteTo approval: 'forbidSelfApproval' must be true or false, got String 'yes'."),
                Arguments.of('adminsCount as String', base + [approval: [adminsCount: 'no']],
                        "promoteTo approval: 'adminsCount' must be true or false, got String 'no'."),
                Arguments.of('submitters a number', base + [approval: [submitters: 42]],
                        "promoteTo approval: 'submitters' must be a comma-separated String or a List of Strings, got Integer '42'."),
                Arguments.of('submitters naming nobody', base + [approval: [submitters: ' , ']],
                        "promoteTo approval: 'submitters' names nobody."),
                Arguments.of('milestone zero', base + [milestone: 0],
                        "promoteTo: 'milestone' must be a whole number of at least 1, got Integer '0'."),
                Arguments.of('empty credentialsId', base + [credentialsId: '  '],
                        "promoteTo: 'credentialsId' must not be empty."),
        )
    }

    @ParameterizedTest(name = '{0}')
    @MethodSource('refusedArguments')
    void refusesBadArgumentsBeforeDoingAnything(String description, Map args, Object expected) {
        plugin.tags[STAGING] = DIGEST_A

        String message = runFailingPipeline('callPromoteTo', [PROMOTE_ARGS: args])

        assertEquals(expected.toString(), message)
        assertEquals([], plugin.resolveCalls)
        assertEquals([], plugin.promoteCalls)
        assertEquals([], plugin.planCalls)
    }

    @Test
    void refusesACallWithoutArguments() {
        String message = runFailingPipeline('callPromoteToWithoutArguments')

        assertEquals('promoteTo takes named arguments (a Map such as [environment: ...]), got null.', message)
        assertEquals([], plugin.promoteCalls)
    }

    @Test
    void submittersMayBeAListAndNullValuesCountAsAbsent() {
        plugin.tags[STAGING] = DIGEST_A
        plugin.rounds.addAll(['alice'])

        runPipeline('callPromoteTo', [PROMOTE_ARGS: productionArgs(
                credentialsId: null, approval: [submitters: [' alice ', 'release-managers'], approvals: 1, timeoutMinutes: null])])

        assertEquals('alice,release-managers', plugin.planCalls[0].submitters)
        assertEquals(null, plugin.planCalls[0].credentialsId)
        assertEquals([], timeouts)
        assertEquals(null, plugin.promotions()[0].credentialsId)
    }

    private static Map without(Map map, String key) {
        Map copy = new LinkedHashMap(map)
        copy.remove(key)
        return copy
    }
}
