package io.imagepromotion.library

import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library

import com.lesfurets.jenkins.unit.cps.BasePipelineTestCPS
import hudson.AbortException
import org.junit.jupiter.api.BeforeEach

/**
 * Runs pipelines that load the shared library from the repository root with {@code @Library('image-promotion')}.
 *
 * CPS mode (BasePipelineTestCPS) compiles the Jenkinsfiles, vars/ and src/ with the CPS transformer, and while a
 * global variable or a block step's body runs it serializes the whole CPS state after every step, so
 * non-serializable state in the library fails the test. The plugin steps are replaced by {@link FakePromotionPlugin},
 * whose {@code rounds} settle the approval rounds; {@code error}, {@code timeout}, {@code stage}, {@code milestone},
 * {@code sh} and {@code echo} are recorded. {@code input} is not registered: the library never calls it.
 */
abstract class LibraryPipelineTest extends BasePipelineTestCPS {
    public static final File LIBRARY_ROOT = new File(System.getProperty('library.root', '..')).getCanonicalFile()
    public static final File PIPELINES = new File(LIBRARY_ROOT, 'library-tests/src/test/resources/pipelines')

    public static final String DIGEST_A = 'sha256:' + 'a' * 64
    public static final String DIGEST_B = 'sha256:' + 'b' * 64
    public static final String DIGEST_C = 'sha256:' + 'c' * 64
    public static final String REPOSITORY = 'registry.example.com/myapp'
    public static final String DEV = "${REPOSITORY}:dev"
    public static final String STAGING = "${REPOSITORY}:staging"
    public static final String PRODUCTION = "${REPOSITORY}:production"
    public static final String PINNED_A = "${REPOSITORY}@${DIGEST_A}"

    /** Everything that happened, in order: step calls and echoed lines, for ordering assertions. */
    final List<String> events = []
    final List<String> log = []
    final List<Map> timeouts = []
    final List<Map> milestones = []
    final List<String> stages = []
    final List<String> shells = []
    /** How many timeout bodies are running now; recorded with each approval round to prove the wait is wrapped. */
    int timeoutDepth = 0
    final List<Integer> roundTimeoutDepths = []

    FakePromotionPlugin plugin
    FakeRun run

    @BeforeEach
    void setUpLibraryPipeline() {
        scriptRoots = [PIPELINES.path] as String[]
        scriptExtension = 'jenkins'
        super.setUp()
        helper.registerSharedLibrary(library().name('image-promotion')
                .defaultVersion('main')
                .allowOverride(true)
                .implicit(false)
                .targetPath(LIBRARY_ROOT.path)
                .retriever(new RepositoryRootSource(LIBRARY_ROOT))
                .build())

        plugin = new FakePromotionPlugin(events)
        run = new FakeRun()
        plugin.run = run
        binding.setVariable('currentBuild', run)
        binding.setVariable('env', [:])

        helper.registerAllowedMethod('echo', [String], { String message ->
            log.add(message.toString())
            events.add("echo ${message}".toString())
        })
        helper.registerAllowedMethod('error', [String], { String message ->
            events.add("error ${message}".toString())
            run.result = 'FAILURE'
            throw new AbortException(message.toString())
        })
        helper.registerAllowedMethod('resolveImageDigest', [Map], { Map args -> plugin.resolveImageDigest(args) })
        helper.registerAllowedMethod('promoteImage', [Map], { Map args -> plugin.promoteImage(args) })
        helper.registerAllowedMethod('planPromotion', [Map], { Map args -> plugin.planPromotion(args) })
        helper.registerAllowedMethod('promotionGate', [Map], { Map args -> plugin.promotionGate(args) })
        helper.registerAllowedMethod('approvePromotion', [Map], { Map args ->
            roundTimeoutDepths.add(timeoutDepth)
            return plugin.approvePromotion(args)
        })
        helper.registerAllowedMethod('timeout', [Map, Closure], { Map args, Closure body ->
            timeouts.add(new LinkedHashMap(args))
            events.add("timeout ${args.time} ${args.unit}".toString())
            timeoutDepth++
            try {
                return helper.callClosure(body)
            } finally {
                timeoutDepth--
            }
        })
        helper.registerAllowedMethod('stage', [String, Closure], { String name, Closure body ->
            stages.add(name.toString())
            events.add("stage ${name}".toString())
            return helper.callClosure(body)
        })
        helper.registerAllowedMethod('milestone', [Map], { Map args ->
            milestones.add(new LinkedHashMap(args))
            events.add("milestone ${args.ordinal}".toString())
        })
        helper.registerAllowedMethod('sh', [String], { String script ->
            shells.add(script.toString())
            events.add("sh ${script}".toString())
        })
    }

    /** Runs {@code src/test/resources/pipelines/<name>.jenkins} with the given binding variables. */
    Object runPipeline(String name, Map variables = [:]) {
        variables.each { k, v -> binding.setVariable(k as String, v) }
        return runScript("${name}.jenkins")
    }

    /** Runs a pipeline that must fail through the error step; returns the error message. */
    String runFailingPipeline(String name, Map variables = [:]) {
        try {
            runPipeline(name, variables)
        } catch (AbortException e) {
            return e.message
        }
        throw new AssertionError("pipeline ${name} did not fail; log:\n${log.join("\n")}".toString())
    }

    /** The promoteTo arguments of the issue's production example, with overrides. */
    static Map productionArgs(Map overrides = [:]) {
        Map args = [environment: 'production',
                    image      : PINNED_A,
                    target     : PRODUCTION,
                    requires   : STAGING,
                    approval   : [submitters: 'release-managers,alice', approvals: 2,
                                  forbidSelfApproval: true, timeoutMinutes: 60]]
        args.putAll(overrides)
        return args
    }

    boolean logContains(String text) {
        return log.any { it.contains(text) }
    }

    String logText() {
        return log.join('\n')
    }
}
