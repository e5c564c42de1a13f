package io.jenkins.plugins.imagepromotion.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.imagepromotion.core.error.NotFoundException;
import io.imagepromotion.core.lock.LockTimeoutException;
import io.imagepromotion.core.lock.TargetLease;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.ref.ImageReference;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;

/**
 * The controller's per-target lease around a step's work, with fakes of StepContext: given back on success, on
 * failure and on abort (StepExecution.stop), and two executions writing one tag run one after the other.
 */
class TargetWritingExecutionTest {
    /** An execution whose "agent work" is the given body; the keys are those of the promoteImage step. */
    static final class Probe extends TargetWritingExecution<Object> {
        private static final long serialVersionUID = 1L;
        final transient List<String> keys;
        final transient Work body;

        interface Work {
            Object run(TaskListener listener) throws Exception;
        }

        Probe(StepContext context, List<String> targets, Work body) {
            super(context, TargetLocks.inProcess(), Duration.ofMinutes(1));
            this.keys = keys(targets.stream().map(ImageReference::parse).toList());
            this.body = body;
        }

        @Override
        List<String> lockKeys() {
            return keys;
        }

        @Override
        Object work(TaskListener listener) throws Exception {
            return body.run(listener);
        }
    }

    /** True when nobody holds {@code keys}: taking them without waiting succeeds. */
    private static boolean free(List<String> keys) {
        try (TargetLease ignored = TargetLocks.inProcess().acquire(keys, Duration.ZERO, key -> { })) {
            return true;
        } catch (LockTimeoutException e) {
            return false;
        }
    }

    @Test
    void leaseIsHeldDuringTheWorkAndGivenBackOnSuccess() throws Exception {
        FakeStepContext context = new FakeStepContext();
        AtomicReference<Boolean> heldDuringWork = new AtomicReference<>();
        List<String> target = List.of("locks.example:5000/success/app:prod");
        Probe probe = new Probe(context, target, listener -> {
            heldDuringWork.set(!free(TargetWritingExecution.keys(List.of(ImageReference.parse(target.get(0))))));
            return "promoted";
        });

        assertFalse(probe.start(), "the work runs off the CPS thread");

        assertEquals("promoted", context.result());
        assertTrue(heldDuringWork.get(), "the lease is held while the agent works");
        assertTrue(free(probe.keys), "the lease is given back once the step succeeded");
    }

    @Test
    void leaseIsGivenBackWhenTheWorkFails() throws Exception {
        FakeStepContext context = new FakeStepContext();
        IOException broken = new IOException("agent channel closed");
        Probe probe = new Probe(context, List.of("locks.example:5000/failure/app:prod"), listener -> {
            throw broken;
        });

        probe.start();

        assertSame(broken, context.failure());
        assertTrue(free(probe.keys));
    }

    @Test
    void engineErrorFailsTheStepWithOneLineAndGivesTheLeaseBack() throws Exception {
        FakeStepContext context = new FakeStepContext();
        Probe probe = new Probe(context, List.of("locks.example:5000/engine/app:prod"), listener -> {
            throw new NotFoundException("manifest unknown:\n  app:missing", 404, List.of(), "app:missing", "HEAD");
        });

        probe.start();

        Throwable failure = context.failure();
        assertInstanceOf(AbortException.class, failure);
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        assertTrue(free(probe.keys));
    }

    @Test
    void abortInterruptsTheWorkAndGivesTheLeaseBack() throws Exception {
        FakeStepContext context = new FakeStepContext();
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch unwound = new CountDownLatch(1);
        AtomicReference<Throwable> seenByWork = new AtomicReference<>();
        Probe probe = new Probe(context, List.of("locks.example:5000/abort/app:prod"), listener -> {
            working.countDown();
            try {
                new CountDownLatch(1).await(); // an agent copy that would never end on its own
                return "never";
            } catch (InterruptedException e) {
                seenByWork.set(e);
                throw e;
            } finally {
                unwound.countDown();
            }
        });
        probe.start();
        assertTrue(working.await(30, TimeUnit.SECONDS));
        assertFalse(free(probe.keys), "held while the agent works");

        InterruptedException abort = new InterruptedException("aborted by user");
        probe.stop(abort);

        assertSame(abort, context.failure(), "the step fails with the abort's cause, once");
        assertTrue(unwound.await(30, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, seenByWork.get(), "the agent work was interrupted");
        // The lease is closed as the work unwinds, just after its finally block: wait for it, bounded.
        try (TargetLease again = TargetLocks.inProcess().acquire(probe.keys, Duration.ofSeconds(30), key -> { })) {
            assertEquals(1, again.size());
        }
        for (int i = 0; i < 3000 && abort.getSuppressed().length == 0; i++) {
            Thread.sleep(10);
        }
        assertInstanceOf(InterruptedException.class, abort.getSuppressed()[0],
                "the work's own failure is attached to the abort, not reported a second time");
    }

    @Test
    void abortBeforeTheWorkStartedFailsTheStepAndHoldsNothing() throws Exception {
        FakeStepContext context = new FakeStepContext();
        Probe probe = new Probe(context, List.of("locks.example:5000/early/app:prod"), listener -> "never");

        Exception cause = new Exception("aborted");
        probe.stop(cause);

        assertSame(cause, context.failure());
        assertTrue(free(probe.keys));
    }

    @Test
    void twoExecutionsWritingOneTagRunOneAfterTheOther() throws Exception {
        // Two spellings of one tag: the key is the normalised reference, so they meet.
        List<String> first = List.of("docker.io/serialised/app:prod");
        List<String> second = List.of("index.docker.io/serialised/app:prod", "locks.example:5000/other/app:prod");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch firstWorking = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        FakeStepContext one = new FakeStepContext();
        FakeStepContext two = new FakeStepContext();
        Supplier<Probe.Work> counting = () -> listener -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                firstWorking.countDown();
                releaseFirst.await();
                return "done";
            } finally {
                inside.decrementAndGet();
            }
        };
        new Probe(one, first, counting.get()).start();
        assertTrue(firstWorking.await(30, TimeUnit.SECONDS));

        new Probe(two, second, counting.get()).start();
        waitForLog(two, "Waiting: another promotion on this controller is writing registry-1.docker.io/serialised/app:prod");
        assertEquals(1, inside.get(), "the second execution waits outside its work");

        releaseFirst.countDown();
        assertEquals("done", one.result());
        assertEquals("done", two.result());
        assertEquals(1, mostInside.get(), "never two writers of one tag at once");
    }

    @Test
    void digestTargetsAreNotLockedAndTagKeysAreNormalised() {
        List<String> keys = TargetWritingExecution.keys(List.of(
                ImageReference.parse("app:prod"),
                ImageReference.parse("app@sha256:" + "a".repeat(64))));
        assertEquals(List.of("jenkins-controller registry-1.docker.io/library/app:prod"), keys);
    }

    @Test
    void keysOfAnotherTagDoNotWait() throws Exception {
        try (TargetLease held = TargetLocks.inProcess().acquire(
                TargetWritingExecution.keys(List.of(ImageReference.parse("locks.example:5000/mine/app:prod"))),
                Duration.ZERO, key -> { })) {
            FakeStepContext context = new FakeStepContext();
            new Probe(context, List.of("locks.example:5000/mine/app:staging"), listener -> "ok").start();
            assertEquals("ok", context.result());
            assertFalse(context.logText().contains("Waiting"), context.logText());
            assertThrows(LockTimeoutException.class, () -> TargetLocks.inProcess().acquire(
                    TargetWritingExecution.keys(List.of(ImageReference.parse("locks.example:5000/mine/app:prod"))),
                    Duration.ZERO, key -> { }));
            assertEquals(1, held.size());
        }
    }

    private static void waitForLog(FakeStepContext context, String line) throws InterruptedException {
        for (int i = 0; i < 3000 && !context.logText().contains(line); i++) {
            Thread.sleep(10);
        }
        assertTrue(context.logText().contains(line), context.logText());
    }
}
