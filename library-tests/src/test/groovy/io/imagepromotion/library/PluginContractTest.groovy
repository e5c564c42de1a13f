package io.imagepromotion.library

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertTrue

import org.junit.jupiter.api.Test

/**
 * The fake plugin steps the library tests run against must match the real plugin: the same parameters with the
 * same types, and the same result keys. Otherwise the library could pass its tests and fail in Jenkins (for
 * example by passing a List where promoteImage declares a String).
 */
class PluginContractTest {
    static final Map<String, Class> JAVA_TYPES = ['String': String, 'boolean': Boolean, 'int': Integer, 'List<String>': List]

    @Test
    void fakePromoteImageDeclaresThePluginsParametersAndTypes() {
        assertEquals(toClasses(PluginSteps.declared().promoteImage), FakePromotionPlugin.PROMOTE_IMAGE_PARAMETERS)
    }

    @Test
    void fakeResolveImageDigestDeclaresThePluginsParametersAndTypes() {
        assertEquals(toClasses(PluginSteps.declared().resolveImageDigest), FakePromotionPlugin.RESOLVE_IMAGE_DIGEST_PARAMETERS)
    }

    @Test
    void fakePromoteImageReturnsThePluginsResultKeys() {
        Set<String> pluginKeys = PluginSteps.promoteImageResultKeys()
        assertTrue(pluginKeys.containsAll(['digest', 'targets', 'previousDigest', 'bytesCopied', 'dryRun']), pluginKeys.toString())
        FakePromotionPlugin fake = new FakePromotionPlugin([])
        Map result = fake.promoteImage([image: "registry.example.com/myapp@sha256:${'a' * 64}".toString(),
                                        target: 'registry.example.com/myapp:dev', dryRun: true])
        Set<String> fakeKeys = (result.keySet() + (result.targets[0] as Map).keySet()) as Set
        assertEquals(pluginKeys, fakeKeys)
    }

    @Test
    void fakePlanPromotionDeclaresThePluginsParametersAndTypes() {
        assertEquals(toClasses(PluginSteps.declared().planPromotion), FakePromotionPlugin.PLAN_PROMOTION_PARAMETERS)
    }

    @Test
    void fakeApprovePromotionAndPromotionGateDeclareThePluginsParameters() {
        assertEquals(toClasses(PluginSteps.declared().approvePromotion), FakePromotionPlugin.APPROVE_PROMOTION_PARAMETERS)
        assertEquals(toClasses(PluginSteps.declared().promotionGate), FakePromotionPlugin.PROMOTION_GATE_PARAMETERS)
    }

    @Test
    void fakeGateStepsReturnThePluginsResultKeys() {
        assertEquals(PluginSteps.gateResultKeys('plan'), FakePromotionPlugin.PLAN_RESULT_KEYS)
        assertEquals(PluginSteps.gateResultKeys('gate'), FakePromotionPlugin.GATE_RESULT_KEYS)
        FakePromotionPlugin fake = new FakePromotionPlugin([])
        Map plan = fake.planPromotion([image: "registry.example.com/myapp@sha256:${'a' * 64}".toString(),
                                       target: 'registry.example.com/myapp:prod', environment: 'prod', approvals: 2])
        assertEquals(FakePromotionPlugin.PLAN_RESULT_KEYS, plan.keySet())
        assertEquals(['target', 'current'] as Set, (plan.targets[0] as Map).keySet())
        assertEquals(FakePromotionPlugin.GATE_RESULT_KEYS, fake.promotionGate([gate: plan.id]).keySet())
    }

    private static Map<String, Class> toClasses(Map<String, String> javaTypes) {
        assertTrue(javaTypes != null && !javaTypes.isEmpty(), 'the plugin source declares the step')
        return javaTypes.collectEntries { name, type ->
            Class mapped = JAVA_TYPES[type]
            assertTrue(mapped != null, "unexpected parameter type ${type} of ${name}")
            [(name): mapped]
        }
    }
}
