package io.jenkins.plugins.imagepromotion.steps;

import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step context as Pipeline gives one: objects by type (a build log here) and the step's outcome, which it keeps.
 * The first outcome counts; later ones are ignored, as CpsStepContext does.
 */
final class FakeStepContext extends StepContext {
    private static final long serialVersionUID = 1L;

    final transient ByteArrayOutputStream log = new ByteArrayOutputStream();
    final transient PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
    final transient CompletableFuture<Object> outcome = new CompletableFuture<>();
    private final transient Map<Class<?>, Object> objects = new HashMap<>();

    FakeStepContext() {
        objects.put(TaskListener.class, (TaskListener) () -> logStream);
    }

    <T> FakeStepContext with(Class<T> type, T value) {
        objects.put(type, value);
        return this;
    }

    @Override
    public <T> T get(Class<T> key) {
        return key.cast(objects.get(key));
    }

    @Override
    public void onSuccess(Object result) {
        outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        outcome.completeExceptionally(t);
    }

    String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** The step's result; waits for it with a generous bound so a hung step fails the test rather than hanging it. */
    Object result() throws Exception {
        return outcome.get(60, TimeUnit.SECONDS);
    }

    Throwable failure() throws Exception {
        try {
            outcome.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the step succeeded");
    }
}
