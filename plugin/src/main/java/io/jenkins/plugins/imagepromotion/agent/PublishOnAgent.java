package io.jenkins.plugins.imagepromotion.agent;

import hudson.model.TaskListener;
import io.jenkins.plugins.imagepromotion.args.PublishArguments;
import io.jenkins.plugins.imagepromotion.model.PublishOutcome;
import java.io.PrintStream;

/** Runs {@link PublishTask} on the agent, where the engine and the local image are. */
public final class PublishOnAgent extends RegistryCallable<PublishOutcome> {
    private static final long serialVersionUID = 1L;

    private final PublishArguments arguments;

    public PublishOnAgent(PublishArguments arguments, RegistryAccess access, TaskListener listener) {
        super(access, listener);
        this.arguments = arguments;
    }

    @Override
    PublishOutcome run(RegistryAccess access, PrintStream log) {
        return PublishTask.run(arguments, access, log);
    }
}
