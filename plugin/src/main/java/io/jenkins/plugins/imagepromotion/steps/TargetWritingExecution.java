package io.jenkins.plugins.imagepromotion.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.TaskListener;
import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.lock.TargetLease;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.promote.TagWritePolicy;
import io.imagepromotion.core.ref.ImageReference;
import io.jenkins.plugins.imagepromotion.agent.UserErrors;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The execution of a step that writes target tags: off the CPS thread, it takes the controller's lease on every
 * target tag, does the work (dispatching the copy to the agent), and gives the lease back when that work ends, by
 * success, failure or abort ({@link #stop}, which interrupts the work). So every promotion of one controller that
 * writes a tag is serialised, whichever agents do the copying, and {@code expectCurrent} is exact among them.
 *
 * <p>Like {@code SynchronousNonBlockingStepExecution} (which cannot release anything on abort before its thread
 * ends, and whose worker this mirrors): one pooled thread per running step, and a controller restart fails the step
 * ({@link #onResume}); the lease is in memory only and a restart frees it. Unlike it, the work does not run under
 * the caller's authentication: the credentials are resolved against the run
 * ({@code CredentialsProvider.findCredentialById(id, type, run, …)} uses the job's default authentication, not the
 * thread's; jenkinsci/credentials-plugin:src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java).
 *
 * @param <T> the step's return value
 */
abstract class TargetWritingExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    /** Namespaces the controller's keys, so the engine's own in-JVM lock (a step outside node) never meets them. */
    static final String KEY_PREFIX = "jenkins-controller ";

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "image-promotion step " + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.setContextClassLoader(TargetWritingExecution.class.getClassLoader());
        return thread;
    });

    private final transient TargetLocks locks;
    private final transient Duration lockTimeout;
    private transient volatile Future<?> task;
    private transient volatile Throwable stopCause;

    TargetWritingExecution(StepContext context) {
        this(context, TargetLocks.inProcess(), TagWritePolicy.DEFAULT_LOCK_TIMEOUT);
    }

    TargetWritingExecution(StepContext context, TargetLocks locks, Duration lockTimeout) {
        super(context);
        this.locks = locks;
        this.lockTimeout = lockTimeout;
    }

    /** The controller's lock keys of {@code targets}: tags only, since a digest target is never moved. */
    static List<String> keys(Collection<ImageReference> targets) {
        return targets.stream().filter(t -> t.tag() != null).map(t -> KEY_PREFIX + TargetLocks.key(t)).toList();
    }

    @Override
    public final boolean start() {
        task = WORKERS.submit(this::runToEnd);
        return false;
    }

    private void runToEnd() {
        try {
            T result = runLeased();
            if (stopCause == null) {
                getContext().onSuccess(result);
            }
        } catch (Throwable failure) {
            if (stopCause == null) {
                getContext().onFailure(failure);
            } else {
                stopCause.addSuppressed(failure);
            }
        }
    }

    private T runLeased() throws Exception {
        TaskListener listener = getContext().get(TaskListener.class);
        try {
            List<String> keys = lockKeys();
            try (TargetLease lease = locks.acquire(keys, lockTimeout, key -> listener.getLogger().println(
                    "Waiting: another promotion on this controller is writing " + key.substring(KEY_PREFIX.length())))) {
                return work(listener);
            }
        } catch (ImagePromotionException e) {
            throw new AbortException(UserErrors.oneLine(e));
        }
    }

    /** Interrupts the work; its lease is given back as the work unwinds. The step fails with {@code cause} at once. */
    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        Future<?> running = task;
        if (running != null) {
            stopCause = cause;
            running.cancel(true);
        }
        super.stop(cause);
    }

    @Override
    public void onResume() {
        getContext().onFailure(new AbortException("the controller restarted while this step ran; it cannot resume."
                + " Run the build again: the step is safe to repeat"));
    }

    @Override
    public String getStatus() {
        return task == null ? "not yet scheduled" : task.isDone() ? "finished" : "writing target tags";
    }

    @Override
    public boolean blocksRestart() {
        Future<?> running = task;
        return running != null && !running.isDone();
    }

    /** The keys to hold while {@link #work} runs (see {@link #keys}); computed on the worker thread. */
    abstract List<String> lockKeys() throws Exception;

    /** The step's work, with every key held; an {@link ImagePromotionException} becomes its one-line failure. */
    abstract T work(TaskListener listener) throws Exception;
}
