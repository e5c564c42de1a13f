package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

/**
 * Compile-only stand-in for {@code jenkinsci/workflow-step-api-plugin@704.ve4f0967e98fa_:src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java}.
 * Only {@link #get(Class)}; the FutureCallback methods stay abstract as inherited.
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    private StepContext() {
    }

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;
}
