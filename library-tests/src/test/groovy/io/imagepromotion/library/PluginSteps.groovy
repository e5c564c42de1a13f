package io.imagepromotion.library

/**
 * The plugin's Pipeline steps as its sources declare them: function name, parameters and their Java types, read
 * from {@code getFunctionName()}, the {@code @DataBoundConstructor} and the {@code @DataBoundSetter}s of every step
 * class under plugin/src/main/java. Reading the source keeps the library's fakes and the example honest without
 * building the plugin (its Jenkins dependencies are not reachable here).
 */
class PluginSteps {
    static final File STEPS_SOURCES = new File(LibraryPipelineTest.LIBRARY_ROOT, 'plugin/src/main/java')

    /** Function name -> parameter name -> Java type as written ("String", "boolean", "List<String>"). */
    static Map<String, Map<String, String>> declared() {
        Map<String, Map<String, String>> steps = [:]
        STEPS_SOURCES.eachFileRecurse { File file ->
            if (!file.name.endsWith('Step.java')) {
                return
            }
            String source = file.text
            def function = source =~ /getFunctionName\(\)\s*\{\s*return\s+"(\w+)";/
            if (!function.find()) {
                return
            }
            Map<String, String> parameters = [:]
            def constructor = source =~ /@DataBoundConstructor\s+public\s+\w+\(([^)]*)\)/
            if (constructor.find() && constructor.group(1).trim()) {
                constructor.group(1).split(',').each { String parameter ->
                    List<String> parts = parameter.trim().split(/\s+/) as List
                    parameters[parts[-1]] = parts[-2]
                }
            }
            def setters = source =~ /@DataBoundSetter\s+public\s+void\s+set(\w+)\(\s*([\w<>]+)\s+\w+\s*\)/
            while (setters.find()) {
                String name = setters.group(1)
                parameters[name.substring(0, 1).toLowerCase() + name.substring(1)] = setters.group(2)
            }
            steps[function.group(1)] = parameters
        }
        return steps
    }

    /** The keys of the Map promoteImage returns, as plugin's ResultMap puts them. */
    static Set<String> promoteImageResultKeys() {
        File resultMap = new File(STEPS_SOURCES, 'io/jenkins/plugins/imagepromotion/model/ResultMap.java')
        Set<String> keys = [] as Set
        def puts = resultMap.text =~ /\b(?:map|target)\.put\("(\w+)"/
        while (puts.find()) {
            keys.add(puts.group(1))
        }
        return keys
    }

    /**
     * The top-level keys of the Map a gate step returns, as the plugin's GateMaps puts them: {@code method} is
     * {@code plan} (planPromotion) or {@code gate} (promotionGate).
     */
    static Set<String> gateResultKeys(String method) {
        String source = new File(STEPS_SOURCES, 'io/jenkins/plugins/imagepromotion/gate/GateMaps.java').text
        def body = source =~ /(?s)static Map<String, Object> ${method}\(.*?\n    }/
        assert body.find(): "GateMaps.${method} not found"
        Set<String> keys = [] as Set
        def puts = body.group(0) =~ /\bmap\.put\("(\w+)"/
        while (puts.find()) {
            keys.add(puts.group(1))
        }
        return keys
    }
}
