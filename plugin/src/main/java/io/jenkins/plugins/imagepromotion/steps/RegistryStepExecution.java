package io.jenkins.plugins.imagepromotion.steps;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.imagepromotion.core.error.ImagePromotionException;
import io.jenkins.plugins.imagepromotion.agent.UserErrors;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * How the three steps run, off the CPS thread: the build, its log and the enclosing node's launcher ({@code null}
 * outside a node block) come from the step context, and an engine error fails the step with one line, without a
 * stack trace. Does not survive a controller restart.
 *
 * @param <S> the step, holding what the user typed
 * @param <T> the step's return value
 */
public abstract class RegistryStepExecution<S, T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;

    @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED", justification = "Only used while the step starts;"
            + " this execution type fails on resume anyway")
    private final transient S step;

    protected RegistryStepExecution(S step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected final T run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        Launcher launcher = getContext().get(Launcher.class);
        try {
            return perform(step, run, listener, launcher);
        } catch (ImagePromotionException e) {
            throw new AbortException(UserErrors.oneLine(e));
        }
    }

    /** The step's work; an {@link ImagePromotionException} it throws becomes the step's one-line failure. */
    protected abstract T perform(S step, Run<?, ?> run, TaskListener listener, Launcher launcher) throws Exception;
}
