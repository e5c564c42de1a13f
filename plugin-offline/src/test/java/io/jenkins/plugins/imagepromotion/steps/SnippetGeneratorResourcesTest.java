package io.jenkins.plugins.imagepromotion.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.imagepromotion.gate.ApprovePromotionStep;
import io.jenkins.plugins.imagepromotion.gate.PlanPromotionStep;
import io.jenkins.plugins.imagepromotion.gate.PromotionGateStep;
import io.jenkins.plugins.imagepromotion.config.ImagePromotionConfiguration;
import io.jenkins.plugins.imagepromotion.config.RegistryEntry;
import io.jenkins.plugins.imagepromotion.model.PromotionAction;
import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import io.jenkins.plugins.imagepromotion.model.PublishRecord;
import io.jenkins.plugins.imagepromotion.model.TargetRecord;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the Snippet Generator and the configuration pages need, checked from the classes and resources themselves:
 * every data-bound field has a getter, a help file and a form entry; check and fill methods are POST-only and
 * belong to real fields; every view escapes by default. (Rendering them needs Jenkins; see the JenkinsRule tests.)
 */
class SnippetGeneratorResourcesTest {
    /** Fields that are written in Pipeline scripts only; the form offers their single-valued sibling. */
    static final Map<Class<?>, Set<String>> SCRIPT_ONLY = Map.of(PromoteImageStep.class, Set.of("targets"),
            PlanPromotionStep.class, Set.of("targets"));

    static List<String> dataBoundFields(Class<?> type) {
        List<String> fields = new ArrayList<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    assertTrue(p.isNamePresent(), "compile with -parameters: data binding needs constructor parameter names");
                    fields.add(p.getName());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                fields.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return fields;
    }

    static String resource(Class<?> type, String name) throws IOException {
        String path = type.getName().replace('.', '/').replace('$', '/') + "/" + name;
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, "missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {PromoteImageStep.class, ResolveImageDigestStep.class, PublishImageStep.class, RegistryEntry.class,
            PlanPromotionStep.class, ApprovePromotionStep.class, PromotionGateStep.class})
    void everyFieldHasGetterHelpAndFormEntry(Class<?> type) throws Exception {
        List<String> fields = dataBoundFields(type);
        assertTrue(fields.contains("image") || fields.contains("host") || fields.contains("gate"), fields.toString());
        String config = resource(type, "config.jelly");
        for (String field : fields) {
            String capitalized = Character.toUpperCase(field.charAt(0)) + field.substring(1);
            assertTrue(Stream.of(type.getMethods()).anyMatch(m -> m.getParameterCount() == 0
                    && (m.getName().equals("get" + capitalized) || m.getName().equals("is" + capitalized))),
                    type.getSimpleName() + " lacks a getter for " + field);
            String help = resource(type, "help-" + field + ".html");
            assertTrue(help.strip().startsWith("<div>"), "help-" + field + ".html");
            boolean scriptOnly = SCRIPT_ONLY.getOrDefault(type, Set.of()).contains(field);
            assertEquals(!scriptOnly, config.contains("field=\"" + field + "\""),
                    type.getSimpleName() + "/config.jelly entry for " + field);
        }
    }

    @Test
    void promoteImageHasEveryArgumentOfTheIssue() {
        assertEquals(List.of("image"), dataBoundFields(PromoteImageStep.class).subList(0, 1));
        assertEquals(Set.of("image", "target", "targets", "credentialsId", "targetCredentialsId", "expectCurrent",
                "expectAbsent", "dryRun", "environment", "approvedBy", "signingKeyCredentialsId", "approval"),
                new LinkedHashSet<>(dataBoundFields(PromoteImageStep.class)));
    }

    @Test
    void theGateStepsTakeTheContractsParameters() {
        assertEquals(Set.of("image", "target", "targets", "environment", "approvals", "submitters", "forbidSelfApproval",
                "adminsCount", "credentialsId", "targetCredentialsId"), new LinkedHashSet<>(dataBoundFields(PlanPromotionStep.class)));
        assertEquals(Set.of("gate"), new LinkedHashSet<>(dataBoundFields(ApprovePromotionStep.class)));
        assertEquals(Set.of("gate"), new LinkedHashSet<>(dataBoundFields(PromotionGateStep.class)));
        assertEquals("planPromotion", new PlanPromotionStep.DescriptorImpl().getFunctionName());
        assertEquals("approvePromotion", new ApprovePromotionStep.DescriptorImpl().getFunctionName());
        assertEquals("promotionGate", new PromotionGateStep.DescriptorImpl().getFunctionName());
        // approvePromotion's execution is the input's: InputStep requires exactly these.
        assertEquals(Set.of(Run.class, TaskListener.class, FlowNode.class),
                new ApprovePromotionStep.DescriptorImpl().getRequiredContext());
        assertEquals("Plan app:1 \u2192 prod for prod", new PlanPromotionStep.DescriptorImpl().argumentsToString(
                Map.of("image", "r.example.com/app:1", "target", "r.example.com/app:prod", "environment", "prod",
                        "credentialsId", "secret-id")));
        assertEquals(Set.of("image", "credentialsId"), new LinkedHashSet<>(dataBoundFields(ResolveImageDigestStep.class)));
    }

    @Test
    void publishImageTakesImageAndTargetAndOptionallyCredentialsAndEngine() {
        assertEquals(List.of("image", "target"), dataBoundFields(PublishImageStep.class).subList(0, 2));
        assertEquals(Set.of("image", "target", "credentialsId", "dockerHost"),
                new LinkedHashSet<>(dataBoundFields(PublishImageStep.class)));
    }

    @Test
    void publishImageRunsOnlyInsideANodeBlock() {
        assertEquals(Set.of(Run.class, TaskListener.class, Launcher.class), new PublishImageStep.DescriptorImpl().getRequiredContext());
    }

    @ParameterizedTest
    @ValueSource(classes = {PromoteImageStep.DescriptorImpl.class, ResolveImageDigestStep.DescriptorImpl.class,
            PublishImageStep.DescriptorImpl.class, RegistryEntry.DescriptorImpl.class, PlanPromotionStep.DescriptorImpl.class})
    void checkAndFillMethodsArePostOnlyAndNameRealFields(Class<?> descriptor) {
        List<String> fields = dataBoundFields(descriptor.getEnclosingClass());
        int found = 0;
        for (Method m : descriptor.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers())) {
                continue;
            }
            String field = null;
            if (m.getName().startsWith("doCheck")) {
                field = m.getName().substring("doCheck".length());
            } else if (m.getName().startsWith("doFill") && m.getName().endsWith("Items")) {
                field = m.getName().substring("doFill".length(), m.getName().length() - "Items".length());
            }
            if (field != null) {
                found++;
                assertTrue(m.isAnnotationPresent(POST.class), m.getName() + " must be @POST");
                String name = Character.toLowerCase(field.charAt(0)) + field.substring(1);
                assertTrue(fields.contains(name), m.getName() + " names no field of " + descriptor.getEnclosingClass());
            }
        }
        assertTrue(found >= 3, "expected check and fill methods on " + descriptor);
    }

    @Test
    void stepNamesAndSymbolsAreExactlyTheIssues() {
        assertEquals("promoteImage", new PromoteImageStep.DescriptorImpl().getFunctionName());
        assertEquals("resolveImageDigest", new ResolveImageDigestStep.DescriptorImpl().getFunctionName());
        assertEquals("publishImage", new PublishImageStep.DescriptorImpl().getFunctionName());
        assertEquals(List.of("publishImage"), List.of(PublishImageStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()));
        assertEquals(List.of("promoteImage"), List.of(PromoteImageStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()));
        assertEquals(List.of("resolveImageDigest"),
                List.of(ResolveImageDigestStep.DescriptorImpl.class.getAnnotation(Symbol.class).value()));
        assertEquals(List.of("imagePromotion"), List.of(ImagePromotionConfiguration.class.getAnnotation(Symbol.class).value()));
    }

    @Test
    void descriptorsLabelStepsWithTheShortLabel() {
        assertEquals("app:1 \u2192 2", new PromoteImageStep.DescriptorImpl().argumentsToString(
                Map.of("image", "r.example.com/app:1", "target", "r.example.com/app:2", "credentialsId", "secret-id")));
        assertEquals("app:1", new ResolveImageDigestStep.DescriptorImpl().argumentsToString(Map.of("image", "r.example.com/app:1")));
        assertEquals("app:local \u2192 app:1", new PublishImageStep.DescriptorImpl().argumentsToString(
                Map.of("image", "app:local", "target", "r.example.com/app:1", "credentialsId", "secret-id")));
    }

    @Test
    void stepsHaveOverallHelpAndTheGlobalListHasItsHelp() throws Exception {
        assertTrue(resource(PromoteImageStep.class, "help.html").contains("promoteImage"));
        assertTrue(resource(ResolveImageDigestStep.class, "help.html").contains("resolveImageDigest"));
        assertTrue(resource(PublishImageStep.class, "help.html").contains("publishImage"));
        assertTrue(resource(PublishImageStep.class, "config.jelly").contains("<f:advanced>"));
        assertTrue(resource(ImagePromotionConfiguration.class, "config.jelly").contains("field=\"registries\""));
        resource(ImagePromotionConfiguration.class, "help-registries.html");
    }

    /** The build page's summary and the build-history badge both lead to the job's board. */
    @Test
    void theBuildSummaryAndTheBadgeLinkToTheJobsBoard() throws IOException {
        String board = "href=\"${rootURL}/${it.run.parent.url}promotions/\"";
        String summary = resource(PromotionAction.class, "summary.jelly");
        String badge = resource(PromotionAction.class, "badge.jelly");
        assertTrue(summary.contains(board), summary);
        int link = badge.indexOf("<a " + board);
        assertTrue(link >= 0, badge);
        assertTrue(badge.indexOf("<l:icon", link) > link && badge.indexOf("</a>", link) > badge.indexOf("<l:icon", link),
                "the badge's icon is inside the link: " + badge);
    }

    /** Jelly resolves {@code ${var.name}} through getters (or a method call); a typo renders nothing, silently. */
    @Test
    void theBuildSummaryReadsOnlyPropertiesThatExist() throws IOException {
        String summary = resource(PromotionAction.class, "summary.jelly");
        Map<String, Class<?>> variables = Map.of("it", PromotionAction.class, "r", PromotionRecord.class,
                "t", TargetRecord.class, "o", PublishRecord.class, "origin", PublishRecord.class,
                "l", io.jenkins.plugins.imagepromotion.model.LedgerEntry.class);
        Matcher m = Pattern.compile("\\b(it|r|t|o|origin|l)\\.([a-zA-Z]+)(\\()?").matcher(summary);
        Set<String> seen = new LinkedHashSet<>();
        while (m.find()) {
            Class<?> type = variables.get(m.group(1));
            String name = m.group(2);
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            boolean call = m.group(3) != null;
            assertTrue(Stream.of(type.getMethods()).anyMatch(method -> call ? method.getName().equals(name)
                    : method.getParameterCount() == 0 && (method.getName().equals("get" + capitalized)
                    || method.getName().equals("is" + capitalized))), type.getSimpleName() + " has no " + name);
            seen.add(m.group(1) + "." + name);
        }
        assertTrue(seen.containsAll(Set.of("it.origins", "it.originOf", "o.pinnedReference", "o.localImage",
                "origin.localImage", "r.pinnedSource", "r.ledger", "l.record", "l.signed", "l.reason")), seen.toString());
    }
}
