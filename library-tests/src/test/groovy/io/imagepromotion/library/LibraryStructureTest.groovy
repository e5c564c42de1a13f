package io.imagepromotion.library

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertTrue

import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.MethodNode
import org.codehaus.groovy.ast.expr.ClosureExpression
import org.codehaus.groovy.ast.expr.ClosureListExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.ast.stmt.ForStatement
import org.codehaus.groovy.ast.stmt.SynchronizedStatement
import org.codehaus.groovy.control.SourceUnit
import org.junit.jupiter.api.Test

/**
 * The rules that keep the library CPS-safe, checked on its syntax trees rather than trusted to review:
 * <ul>
 *   <li>every src/ class is Serializable (CPS persists whatever is live while a step waits);</li>
 *   <li>a method that calls steps (through the script it holds, {@code steps}) is CPS-transformed, never
 *       {@code @NonCPS}; a class that never touches {@code steps} is pure logic and all its methods are
 *       {@code @NonCPS};</li>
 *   <li>CPS methods use no for-in loops (iterators are not serializable in every CPS version), pass closures only
 *       to steps (Groovy's collection methods would receive a CPS closure they cannot run) and never
 *       {@code synchronized};</li>
 *   <li>no field holds a closure;</li>
 *   <li>vars/ are one statement per call method, each with a help file documenting every key it accepts.</li>
 * </ul>
 */
class LibraryStructureTest {

    @Test
    void everySrcClassIsSerializable() {
        List<String> notSerializable = LibrarySources.srcClasses().findAll { ClassNode c ->
            !(c.interfaces*.name.contains('Serializable') || c.superClass.name.endsWith('Exception'))
        }*.name
        assertEquals([], notSerializable)
    }

    @Test
    void methodsThatCallStepsAreCpsAndPureClassesAreEntirelyNonCps() {
        List<String> violations = []
        LibrarySources.srcClasses().each { ClassNode c ->
            boolean classCallsSteps = c.methods.any { usesSteps(it) }
            c.methods.each { MethodNode m ->
                boolean nonCps = m.annotations*.classNode*.name.contains('NonCPS')
                if (usesSteps(m) && nonCps) {
                    violations.add("${c.nameWithoutPackage}.${m.name} calls steps but is @NonCPS")
                }
                if (!classCallsSteps && !nonCps) {
                    violations.add("${c.nameWithoutPackage}.${m.name} is pure logic but not @NonCPS")
                }
            }
        }
        assertEquals([], violations)
        List<String> orchestrators = LibrarySources.srcClasses().findAll { c -> c.methods.any { usesSteps(it) } }*.nameWithoutPackage
        assertEquals(['EnvironmentPromotion', 'LadderPromotion'], orchestrators.sort())
    }

    @Test
    void cpsMethodsAvoidConstructsThatBreakUnderCps() {
        List<String> violations = []
        LibrarySources.srcClasses().each { ClassNode c ->
            c.methods.findAll { !it.annotations*.classNode*.name.contains('NonCPS') }.each { MethodNode m ->
                String where = "${c.nameWithoutPackage}.${m.name}"
                m.code?.visit(new ClassCodeVisitorSupport() {
                    @Override
                    protected SourceUnit getSourceUnit() {
                        return null
                    }

                    @Override
                    void visitForLoop(ForStatement loop) {
                        if (!(loop.collectionExpression instanceof ClosureListExpression)) {
                            violations.add("${where}: for-in loop at line ${loop.lineNumber}")
                        }
                        super.visitForLoop(loop)
                    }

                    @Override
                    void visitSynchronizedStatement(SynchronizedStatement statement) {
                        violations.add("${where}: synchronized at line ${statement.lineNumber}")
                    }

                    @Override
                    void visitMethodCallExpression(MethodCallExpression call) {
                        boolean onSteps = call.objectExpression instanceof VariableExpression &&
                                ((VariableExpression) call.objectExpression).name == 'steps'
                        List<Expression> args = call.arguments instanceof TupleExpression ?
                                ((TupleExpression) call.arguments).expressions : [call.arguments]
                        if (!onSteps && args.any { it instanceof ClosureExpression }) {
                            violations.add("${where}: closure passed to ${call.methodAsString} at line ${call.lineNumber}")
                        }
                        super.visitMethodCallExpression(call)
                    }
                })
            }
        }
        assertEquals([], violations)
    }

    /**
     * The approval is Java's: the library never calls {@code input} (whose answer a script could invent) and holds
     * no Groovy copy of the core's concepts (references, tally, policy, plan, records). A class added to src/ must
     * be added here on purpose.
     */
    @Test
    void approvalsGoThroughThePluginsStepsAndSrcHoldsOnlyOrchestration() {
        List<String> stepsCalled = []
        LibrarySources.srcClasses().each { ClassNode c ->
            c.methods.each { MethodNode m ->
                m.code?.visit(new ClassCodeVisitorSupport() {
                    @Override
                    protected SourceUnit getSourceUnit() {
                        return null
                    }

                    @Override
                    void visitMethodCallExpression(MethodCallExpression call) {
                        if (call.objectExpression instanceof VariableExpression &&
                                ((VariableExpression) call.objectExpression).name == 'steps') {
                            stepsCalled.add(call.methodAsString)
                        }
                        super.visitMethodCallExpression(call)
                    }
                })
            }
        }
        assertEquals(['approvePromotion', 'echo', 'error', 'milestone', 'planPromotion', 'promoteImage',
                      'promotionGate', 'resolveImageDigest', 'stage', 'timeout'], stepsCalled.unique().sort())
        assertEquals(['EnvironmentPromotion', 'FlowInterruption', 'LadderPromotion', 'PromoteThroughRequest',
                      'PromoteToRequest', 'PromotionArgumentException', 'StepArguments'],
                LibrarySources.srcClasses()*.nameWithoutPackage.sort())
    }

    @Test
    void noFieldHoldsAClosure() {
        List<String> closureFields = []
        LibrarySources.srcClasses().each { ClassNode c ->
            c.fields.each {
                if (it.type.name == 'Closure' || it.initialExpression instanceof ClosureExpression) {
                    closureFields.add("${c.nameWithoutPackage}.${it.name}")
                }
            }
        }
        assertEquals([], closureFields)
    }

    @Test
    void varsAreThin() {
        Map<String, List<String>> shapes = [:]
        LibrarySources.parse(LibrarySources.varFiles()).each { module ->
            ClassNode script = module.classes.find { it.script }
            shapes[script.name] = script.methods.findAll { it.name != 'run' && it.name != 'main' }.collect { MethodNode m ->
                "${m.name}:${m.code.statements.size()}".toString()
            }
        }
        assertEquals([promoteThrough: ['call:1'], promoteTo: ['call:1'], promotionRecords: ['call:1']], shapes)
    }

    @Test
    void everyVarHasAHelpFileDocumentingEveryKeyItAccepts() {
        Map<String, List<String>> keys = [
                promoteTo       : LibrarySources.load('PromoteToRequest').KEYS + LibrarySources.load('PromoteToRequest').APPROVAL_KEYS,
                promoteThrough  : LibrarySources.load('PromoteThroughRequest').KEYS + LibrarySources.load('PromoteThroughRequest').ENVIRONMENT_KEYS,
                promotionRecords: [],  // removed: it only says what replaces it
        ]
        assertEquals(keys.keySet(), LibrarySources.varFiles().collect { it.name - '.groovy' } as Set)
        keys.each { String name, List<String> documented ->
            File help = new File(LibrarySources.VARS, "${name}.txt")
            assertTrue(help.isFile(), "vars/${name}.txt is missing")
            String text = help.text
            List<String> missing = documented.findAll { !text.contains("<code>${it}</code>") }
            assertEquals([], missing, "vars/${name}.txt does not document these keys")
        }
    }

    private static boolean usesSteps(MethodNode method) {
        boolean found = false
        method.code?.visit(new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return null
            }

            @Override
            void visitVariableExpression(VariableExpression expression) {
                if (expression.name == 'steps') {
                    found = true
                }
            }
        })
        return found
    }
}
