package io.imagepromotion.library

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertTrue

import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.expr.ConstantExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.MapExpression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.control.SourceUnit
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test

/**
 * Jenkinsfile.example, checked statically.
 *
 * JenkinsPipelineUnit 1.1 cannot execute Declarative syntax (pipeline { agent … stages … }): it has no
 * Declarative support at all (DeclarativePipelineTest only arrived in later releases, which need newer Groovy).
 * So this test parses the file and checks what can be checked without running it: every step it calls exists in
 * vars/, in the plugin, or in the named Jenkins plugins; every argument key is one the step accepts; and the flow
 * is build once -> publish under the commit SHA -> dev -> staging -> production, guarded by milestones in order.
 */
class JenkinsfileExampleTest {
    static final File EXAMPLE = new File(LibraryPipelineTest.LIBRARY_ROOT, 'Jenkinsfile.example')

    /** Everything else the example may call, with the plugin that provides it. */
    static final Map<String, String> JENKINS_PROVIDED = [
            pipeline: 'pipeline-model-definition', agent: 'pipeline-model-definition', label: 'pipeline-model-definition',
            options : 'pipeline-model-definition', environment: 'pipeline-model-definition', stages: 'pipeline-model-definition',
            stage   : 'pipeline-model-definition', steps: 'pipeline-model-definition', script: 'pipeline-model-definition',
            post    : 'pipeline-model-definition', success: 'pipeline-model-definition', aborted: 'pipeline-model-definition',
            sh      : 'workflow-durable-task-step', echo: 'workflow-basic-steps', timeout: 'workflow-basic-steps',
            milestone: 'pipeline-milestone-step', lock: 'lockable-resources',
            buildDiscarder: 'core (BuildDiscarderProperty)', logRotator: 'core (LogRotator)',
    ]

    static List<Map> calls
    static Map<String, Map<String, String>> pluginSteps

    @BeforeAll
    static void parseExample() {
        calls = []
        pluginSteps = PluginSteps.declared()
        LibrarySources.parse([EXAMPLE]).each { module ->
            module.statementBlock.visit(new ClassCodeVisitorSupport() {
                @Override
                protected SourceUnit getSourceUnit() {
                    return null
                }

                @Override
                void visitMethodCallExpression(MethodCallExpression call) {
                    if (call.implicitThis) {
                        calls.add([name: call.methodAsString, line: call.lineNumber, args: namedArguments(call)])
                    }
                    super.visitMethodCallExpression(call)
                }
            })
        }
    }

    @Test
    void everyStepExistsInVarsThePluginOrANamedJenkinsPlugin() {
        Set<String> vars = LibrarySources.varFiles().collect { it.name - '.groovy' } as Set
        List<String> unknown = calls.findAll { Map call ->
            !(call.name in vars) && !pluginSteps.containsKey(call.name) && !JENKINS_PROVIDED.containsKey(call.name)
        }.collect { "${it.name} (line ${it.line})".toString() }
        assertEquals([], unknown)
        assertTrue(['publishImage', 'promoteTo'].every { name -> calls.any { it.name == name } })
    }

    @Test
    void everyArgumentKeyIsOneTheStepAccepts() {
        Map<String, Collection<String>> accepted = [
                promoteTo: LibrarySources.load('PromoteToRequest').KEYS,
                milestone: ['ordinal', 'label', 'unsafe'],
                lock     : ['resource', 'label', 'quantity', 'inversePrecedence', 'variable', 'skipIfLocked', 'extra'],
                timeout  : ['time', 'unit', 'activity'],
                logRotator: ['numToKeepStr', 'daysToKeepStr', 'artifactNumToKeepStr', 'artifactDaysToKeepStr'],
        ]
        pluginSteps.each { name, parameters -> accepted[name] = parameters.keySet() }
        List<String> wrong = []
        calls.findAll { accepted.containsKey(it.name) }.each { Map call ->
            (call.args.keySet() - accepted[call.name]).each { wrong.add("${call.name} ${it} (line ${call.line})".toString()) }
        }
        calls.findAll { it.name == 'promoteTo' && it.args.approval }.each { Map call ->
            Collection<String> approvalKeys = LibrarySources.load('PromoteToRequest').APPROVAL_KEYS
            (keysOf(call.args.approval) - approvalKeys).each { wrong.add("promoteTo approval ${it} (line ${call.line})".toString()) }
        }
        assertEquals([], wrong)
    }

    @Test
    void buildsOncePublishesUnderTheCommitShaAndPromotesThatImage() {
        List<String> order = calls*.name.findAll { it in ['sh', 'publishImage', 'promoteTo'] }
        assertTrue(order.indexOf('publishImage') > order.indexOf('sh'), 'docker build runs before publishImage')
        List<Map> builds = calls.findAll { it.name == 'sh' && it.line < publishCall().line }
        assertEquals(1, builds.size(), 'one build step before publishing')
        assertTrue(publishCall().args.target.contains('GIT_COMMIT'), 'published under the commit SHA')
        assertEquals(1, calls.count { it.name == 'publishImage' })
        calls.findAll { it.name == 'promoteTo' }.each { assertEquals('env.IMAGE', it.args.image) }
    }

    @Test
    void promotesDevThenStagingThenProductionEachRequiringThePreviousTarget() {
        List<Map> promotions = calls.findAll { it.name == 'promoteTo' }
        assertEquals(['dev', 'staging', 'production'], promotions.collect { it.args.environment })
        assertEquals(null, promotions[0].args.requires)
        assertEquals(promotions[0].args.target, promotions[1].args.requires)
        assertEquals(promotions[1].args.target, promotions[2].args.requires)
        Map approval = promotions[2].args.approval
        assertTrue(approval != null, 'production is approved')
        assertEquals(2, approval.approvals, 'by two people')
        assertEquals(['submitters', 'approvals', 'forbidSelfApproval', 'timeoutMinutes'], keysOf(approval))
        assertTrue(promotions.findAll { it.name == 'promoteTo' }.every { p ->
            calls.any { it.name == 'sh' && it.line > p.line } || p.args.environment == 'production'
        }, 'dev and staging are tested after their promotion')
    }

    @Test
    void milestonesRiseInOrderAndGuardEveryPromotionIncludingAfterProductionApproval() {
        List<Integer> ordinals = []
        calls.each { Map call ->
            if (call.name == 'milestone') {
                ordinals.add(call.args.ordinal as Integer)
            } else if (call.name == 'promoteTo' && call.args.milestone) {
                ordinals.add(call.args.milestone as Integer)
            }
        }
        assertEquals(ordinals.sort(false), ordinals, 'milestone ordinals rise through the file')
        assertEquals(ordinals.unique(false), ordinals, 'no ordinal twice')
        calls.findAll { it.name == 'promoteTo' }.each { Map promotion ->
            Map before = calls.findAll { it.name == 'milestone' && it.line < promotion.line }.max { it.line }
            Map previous = calls.findAll { it.name == 'promoteTo' && it.line < promotion.line }.max { it.line }
            assertTrue(before != null && (previous == null || before.line > previous.line),
                    "a milestone precedes promoteTo ${promotion.args.environment}")
        }
        Map production = calls.find { it.name == 'promoteTo' && it.args.environment == 'production' }
        assertTrue(production.args.milestone != null, 'production passes a milestone after its approvals')
    }

    @Test
    void theProductionGateHoldsNoExecutorAndNothingCallsTheRemovedPromotionRecords() {
        List<String> lines = EXAMPLE.readLines()
        Map production = calls.find { it.name == 'promoteTo' && it.args.environment == 'production' }
        int stageLine = calls.findAll { it.name == 'stage' && it.line < production.line }.max { it.line }.line
        List<Map> agents = calls.findAll { it.name == 'agent' && it.line > stageLine && it.line < production.line }
        assertEquals([], agents, 'the production stage has no agent: the approval wait holds no executor')
        assertTrue(lines[0..<stageLine].any { it.trim() == 'agent none' }, 'the pipeline-level agent is none')
        assertEquals([], calls.findAll { it.name == 'promotionRecords' })
    }

    private static Map publishCall() {
        return calls.find { it.name == 'publishImage' }
    }

    /** Named arguments as source text, nested maps as Maps. */
    private static Map namedArguments(MethodCallExpression call) {
        List<Expression> args = call.arguments instanceof TupleExpression ? ((TupleExpression) call.arguments).expressions : []
        MapExpression map = args.find { it instanceof MapExpression } as MapExpression
        if (map == null) {
            return [:]
        }
        return map.mapEntryExpressions.collectEntries { entry -> [(entry.keyExpression.text): valueOf(entry.valueExpression)] }
    }

    private static Object valueOf(Expression expression) {
        if (expression instanceof MapExpression) {
            return ((MapExpression) expression).mapEntryExpressions.collectEntries { [(it.keyExpression.text): valueOf(it.valueExpression)] }
        }
        if (expression instanceof ConstantExpression) {
            return ((ConstantExpression) expression).value
        }
        return expression.text
    }

    private static List<String> keysOf(Object map) {
        return (map as Map).keySet() as List
    }
}
