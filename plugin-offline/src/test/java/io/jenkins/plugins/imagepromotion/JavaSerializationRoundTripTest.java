package io.jenkins.plugins.imagepromotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import hudson.model.TaskListener;
import hudson.util.Secret;
import io.jenkins.plugins.imagepromotion.agent.LedgerOptions;
import io.jenkins.plugins.imagepromotion.agent.PromoteOnAgent;
import io.jenkins.plugins.imagepromotion.agent.PublishOnAgent;
import io.jenkins.plugins.imagepromotion.agent.RegistryAccess;
import io.jenkins.plugins.imagepromotion.agent.ResolveOnAgent;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.args.PublishArguments;
import io.jenkins.plugins.imagepromotion.config.RegistrySettings;
import io.jenkins.plugins.imagepromotion.credentials.RegistryCredentialSnapshot;
import io.jenkins.plugins.imagepromotion.model.ApprovalEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.Test;

/**
 * Java serialization of everything the plugin hands to remoting (callables to an agent) or to program.dat (step
 * executions): each is written with ObjectOutputStream, read back, and its non-transient state compared field by
 * field. A guard scans the compiled plugin classes so a new execution or callable cannot skip this test.
 */
class JavaSerializationRoundTripTest {
    private static final String PACKAGE = "io.jenkins.plugins.imagepromotion.";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** Every concrete execution and callable of the plugin, with a sample instance built as the plugin builds it. */
    private static Map<String, Object> samples() throws Exception {
        Map<String, Object> samples = new LinkedHashMap<>();
        StepContext context = new InertContext("step-7");
        samples.put(PACKAGE + "gate.PromotionGateStep$Execution",
                construct(PACKAGE + "gate.PromotionGateStep$Execution", context, "Gate-prod-1a2b3c4d-1"));
        samples.put(PACKAGE + "gate.PlanPromotionStep$Execution",
                construct(PACKAGE + "gate.PlanPromotionStep$Execution", null, context));
        samples.put(PACKAGE + "steps.PromoteImageStep$Execution",
                construct(PACKAGE + "steps.PromoteImageStep$Execution", null, context));
        samples.put(PACKAGE + "steps.PublishImageStep$Execution",
                construct(PACKAGE + "steps.PublishImageStep$Execution", null, context));
        samples.put(PACKAGE + "steps.ResolveImageDigestStep$Execution",
                construct(PACKAGE + "steps.ResolveImageDigestStep$Execution", null, context));

        TaskListener listener = new NamedListener("build-42");
        Map<String, String> approved = new LinkedHashMap<>();
        approved.put("registry.example.com/prod/app:live", DIGEST);
        PromoteArguments promote = PromoteArguments.of("registry.example.com/dev/app:1.0", null,
                List.of("registry.example.com/prod/app:live", "registry.example.com/prod/app:1.0"), null, false, false,
                "prod", "alice").approved("Gate-prod-1a2b3c4d-1", "prod", approved);
        LedgerOptions ledger = LedgerOptions.signed("https://jenkins.example.com/job/app/42/", "release-key",
                "-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----\n").withApprovals(List.of(
                ApprovalEntry.jenkins("alice", Instant.ofEpochMilli(1_700_000_000_000L), "https://jenkins.example.com/",
                        "job/app/42/", "Gate-prod-1a2b3c4d-1")));
        samples.put(PromoteOnAgent.class.getName(), new PromoteOnAgent(promote, access(), ledger, true, listener));
        samples.put(PublishOnAgent.class.getName(), new PublishOnAgent(PublishArguments.of("app:1.0",
                "registry.example.com/dev/app:1.0", null, Map.of("DOCKER_HOST", "unix:///run/podman.sock")), access(),
                listener));
        samples.put(ResolveOnAgent.class.getName(), new ResolveOnAgent("registry.example.com/dev/app:1.0", access(),
                listener));
        return samples;
    }

    /** Classes the round trip cannot build offline, with why; the guard accepts them only from this list. */
    private static final Map<String, String> EXCLUDED = Map.of();

    private static RegistryAccess access() {
        Map<String, RegistryCredentialSnapshot> credentials = new LinkedHashMap<>();
        credentials.put("registry.example.com", RegistryCredentialSnapshot.usernamePassword("prod", "promoter", "pw-1"));
        credentials.put("ghcr.example.com", RegistryCredentialSnapshot.secretText("gh", "token-1"));
        return RegistryAccess.of(credentials, List.of(RegistrySettings.of("registry.example.com", "prod",
                null, true, null)));
    }

    private static Object construct(String className, Object... arguments) throws Exception {
        for (Constructor<?> constructor : Class.forName(className).getDeclaredConstructors()) {
            if (constructor.getParameterCount() == arguments.length) {
                constructor.setAccessible(true);
                return constructor.newInstance(arguments);
            }
        }
        throw new AssertionError(className + " has no constructor of " + arguments.length + " parameters");
    }

    private static byte[] write(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    @Test
    void everyExecutionAndCallableReadsBackWithItsFields() throws Exception {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Object> sample : samples().entrySet()) {
            Object written = sample.getValue();
            assertEquals(sample.getKey(), written.getClass().getName());
            Object read = read(write(written));
            assertNotSame(written, read);
            compare(sample.getKey(), written, read, differences, 0);
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    @Test
    void theComparisonNoticesAFieldThatDidNotSurvive() throws Exception {
        PromoteOnAgent one = new PromoteOnAgent(PromoteArguments.of("registry.example.com/dev/app:1.0",
                "registry.example.com/prod/app:live", null, null, false, false, null, null), access(),
                LedgerOptions.unsigned(null), new NamedListener("a"));
        PromoteOnAgent other = new PromoteOnAgent(PromoteArguments.of("registry.example.com/dev/app:1.0",
                "registry.example.com/prod/app:live", null, null, false, true, null, null), access(),
                LedgerOptions.unsigned(null), new NamedListener("b"));
        List<String> differences = new ArrayList<>();

        compare("PromoteOnAgent", one, read(write(other)), differences, 0);

        assertEquals(2, differences.size(), String.join("\n", differences));
        assertTrue(differences.stream().anyMatch(d -> d.contains(".dryRun")), String.join("\n", differences));
        assertTrue(differences.stream().anyMatch(d -> d.contains(".name")), String.join("\n", differences));
    }

    @Test
    void everyCompiledExecutionAndCallableIsInTheRoundTrip() throws Exception {
        Set<String> covered = new HashSet<>(samples().keySet());
        covered.addAll(EXCLUDED.keySet());
        Set<String> found = new TreeSet<>();
        for (String name : pluginClassNames()) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            boolean concrete = !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
            if (concrete && (StepExecution.class.isAssignableFrom(type)
                    || hudson.remoting.Callable.class.isAssignableFrom(type))) {
                found.add(name);
            }
        }
        Set<String> missing = new TreeSet<>(found);
        missing.removeAll(covered);
        Set<String> stale = new TreeSet<>(covered);
        stale.removeAll(found);

        assertTrue(found.size() >= 8, "the scan found only " + found);
        assertTrue(missing.isEmpty(), "not round-tripped by this test: " + missing);
        assertTrue(stale.isEmpty(), "listed here but no longer compiled: " + stale);
    }

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|passphrase|pem).*");

    /**
     * Step executions live in program.dat on the controller's disk: only credentials ids may be in them (and in the
     * steps they keep), never the secret itself. Callables are exempt: RegistryCredentialSnapshot carries the
     * credentials to the agent on purpose.
     */
    @Test
    void noStepExecutionHoldsASecret() throws Exception {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Object> sample : samples().entrySet()) {
            Class<?> type = sample.getValue().getClass();
            if (StepExecution.class.isAssignableFrom(type)) {
                Set<Class<?>> seen = new HashSet<>();
                secretFields(type, seen, type.getSimpleName(), found);
                // The step a RegistryStepExecution keeps is typed by a type variable: scan the enclosing step too.
                secretFields(type.getEnclosingClass(), seen, type.getEnclosingClass().getSimpleName(), found);
                String stream = new String(write(sample.getValue()), StandardCharsets.ISO_8859_1);
                if (stream.contains(RegistryCredentialSnapshot.class.getName()) || stream.contains(Secret.class.getName())) {
                    found.add(sample.getKey() + " serializes a credential class");
                }
            }
        }
        assertTrue(found.isEmpty(), String.join("\n", found));
    }

    @Test
    void theSecretScanNoticesTheSnapshotsPassword() {
        List<String> found = new ArrayList<>();

        secretFields(RegistryCredentialSnapshot.class, new HashSet<>(), "RegistryCredentialSnapshot", found);

        assertTrue(found.stream().anyMatch(f -> f.endsWith(".secret")), found.toString());
    }

    /** Fields of {@code type}, its plugin superclasses and the plugin types of its fields, named or typed as secrets. */
    private static void secretFields(Class<?> type, Set<Class<?>> seen, String path, List<String> found) {
        for (Class<?> c = type; c != null && c.getName().startsWith("io.jenkins.plugins."); c = c.getSuperclass()) {
            if (!seen.add(c)) {
                return;
            }
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Class<?> fieldType = field.getType();
                String where = path + "." + field.getName();
                if (SECRET_NAME.matcher(field.getName()).matches() || fieldType == Secret.class
                        || fieldType == char[].class || fieldType == RegistryCredentialSnapshot.class
                        || fieldType == RegistryAccess.class) {
                    found.add(where);
                }
                if (fieldType.getName().startsWith("io.jenkins.plugins.")) {
                    secretFields(fieldType, seen, where, found);
                }
            }
        }
    }

    /**
     * The transient fields that are meant to be lost (the step and the lease exist only while a step runs; these
     * executions fail on resume). Any other transient field is compared too, so one made transient by mistake fails.
     */
    private static final Set<String> DROPPED = Set.of(
            PACKAGE + "steps.RegistryStepExecution#step",
            PACKAGE + "steps.PromoteImageStep$Execution#step",
            PACKAGE + "steps.TargetWritingExecution#locks",
            PACKAGE + "steps.TargetWritingExecution#lockTimeout",
            PACKAGE + "steps.TargetWritingExecution#task",
            PACKAGE + "steps.TargetWritingExecution#stopCause");

    /**
     * Compares the serialized state: non-static fields other than {@link #DROPPED} of every class in the hierarchy, recursing into
     * objects of the plugin, its core and its stand-in; JDK values by equals, collections element by element.
     */
    private static void compare(String path, Object before, Object after, List<String> differences, int depth) {
        if (depth > 12) {
            differences.add(path + ": nested too deep to compare");
            return;
        }
        if (before == null || after == null) {
            if (before != after) {
                differences.add(path + ": " + before + " became " + after);
            }
            return;
        }
        if (before.getClass() != after.getClass()) {
            differences.add(path + ": " + before.getClass().getName() + " became " + after.getClass().getName());
            return;
        }
        Class<?> type = before.getClass();
        if (type.isArray()) {
            if (Array.getLength(before) != Array.getLength(after)) {
                differences.add(path + ": length " + Array.getLength(before) + " became " + Array.getLength(after));
                return;
            }
            for (int i = 0; i < Array.getLength(before); i++) {
                compare(path + "[" + i + "]", Array.get(before, i), Array.get(after, i), differences, depth + 1);
            }
        } else if (before instanceof Map<?, ?> map) {
            compare(path + ".keySet", new ArrayList<>(map.keySet()), new ArrayList<>(((Map<?, ?>) after).keySet()),
                    differences, depth + 1);
            compare(path + ".values", new ArrayList<>(map.values()), new ArrayList<>(((Map<?, ?>) after).values()),
                    differences, depth + 1);
        } else if (before instanceof Collection<?> collection) {
            Collection<?> other = (Collection<?>) after;
            if (collection.size() != other.size()) {
                differences.add(path + ": size " + collection.size() + " became " + other.size());
                return;
            }
            Iterator<?> a = collection.iterator();
            Iterator<?> b = other.iterator();
            for (int i = 0; a.hasNext(); i++) {
                compare(path + "[" + i + "]", a.next(), b.next(), differences, depth + 1);
            }
        } else if (type.getName().startsWith("java.") || type.isEnum() || type.isPrimitive()) {
            if (!before.equals(after)) {
                differences.add(path + ": " + before + " became " + after);
            }
        } else {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)
                            && DROPPED.contains(c.getName() + "#" + field.getName())) {
                        continue;
                    }
                    field.setAccessible(true);
                    try {
                        compare(path + "." + field.getName(), field.get(before), field.get(after), differences,
                                depth + 1);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
    }

    /** Names of the compiled plugin classes, from the directory or jar on the classpath that holds them. */
    private static List<String> pluginClassNames() throws Exception {
        URI location = PromoteOnAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        Path root = Path.of(location);
        if (Files.isDirectory(root)) {
            return classNames(root);
        }
        try (FileSystem jar = FileSystems.newFileSystem(root)) {
            return classNames(jar.getPath("/"));
        }
    }

    private static List<String> classNames(Path root) throws Exception {
        Path base = root.resolve("io/jenkins/plugins/imagepromotion");
        try (Stream<Path> files = Files.walk(base)) {
            List<String> names = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .map(p -> p.substring(p.startsWith("/") ? 1 : 0, p.length() - ".class".length()).replace('/', '.'))
                    .toList();
            assertFalse(names.isEmpty(), "no classes under " + base);
            return names;
        }
    }

    /** A serializable step context as Pipeline's is: the run is found again by id after a restart. */
    private static final class InertContext extends StepContext {
        private static final long serialVersionUID = 1L;
        private final String id;

        InertContext(String id) {
            this.id = id;
        }

        @Override
        public <T> T get(Class<T> key) {
            return null;
        }

        @Override
        public void onSuccess(Object result) {
            fail("not started in this test");
        }

        @Override
        public void onFailure(Throwable t) {
            fail("not started in this test");
        }
    }

    /** A listener that survives remoting as StreamTaskListener does: its stream is recreated on the far side. */
    private static final class NamedListener implements TaskListener {
        private static final long serialVersionUID = 1L;
        private final String name;

        NamedListener(String name) {
            this.name = name;
        }

        @Override
        public PrintStream getLogger() {
            return System.out;
        }
    }
}
