package io.jenkins.plugins.imagepromotion.agent;

import hudson.model.TaskListener;
import java.io.PrintStream;

/** Runs {@link ResolveTask} on the agent. */
public final class ResolveOnAgent extends RegistryCallable<String> {
    private static final long serialVersionUID = 1L;

    private final String image;

    public ResolveOnAgent(String image, RegistryAccess access, TaskListener listener) {
        super(access, listener);
        this.image = image;
    }

    @Override
    String run(RegistryAccess access, PrintStream log) {
        return ResolveTask.run(image, access, log);
    }
}
