package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import edu.umd.cs.findbugs.annotations.Nullable;
import java.io.IOException;
import java.io.Serializable;

/**
 * Stand-in for {@code jenkinsci/workflow-step-api-plugin@704.ve4f0967e98fa_:src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java}.
 * Only {@link #get(Class)} and {@link #onSuccess(Object)} ({@code onFailure} stays abstract as inherited from
 * Guava's FutureCallback); omitted: {@code isReady, saveState, setResult, newBodyInvoker, hasBody, equals,
 * hashCode}. The constructor is the real class's implicit public one, so offline tests can write fakes.
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    @Nullable
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    // Real: "@Override public abstract void onSuccess(@Nullable Object result);" (same file).
    @Override
    public abstract void onSuccess(@Nullable Object result);
}
