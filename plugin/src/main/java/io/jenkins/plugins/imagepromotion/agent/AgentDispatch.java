package io.jenkins.plugins.imagepromotion.agent;

import hudson.AbortException;
import hudson.Launcher;
import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import java.io.IOException;

/**
 * Runs a callable on the agent of the enclosing {@code node} block (through its remoting channel), or on the
 * controller when the step runs outside any {@code node}.
 */
public final class AgentDispatch {
    private AgentDispatch() {
    }

    /** @param launcher the step context's launcher, {@code null} outside a {@code node} block */
    public static <V> V call(Launcher launcher, Callable<V, IOException> callable) throws IOException, InterruptedException {
        if (launcher == null) {
            return callable.call();
        }
        VirtualChannel channel = launcher.getChannel();
        if (channel == null) {
            throw new AbortException("the agent of the enclosing node block is offline; nothing was changed");
        }
        return channel.call(callable);
    }
}
