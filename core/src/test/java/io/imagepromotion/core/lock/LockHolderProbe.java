package io.imagepromotion.core.lock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs in a child JVM: takes one target's lock file, says "held", and keeps it until stdin closes or it is killed. */
public final class LockHolderProbe {
    private LockHolderProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (TargetLease lease = TargetLocks.inProcessAndFiles(Path.of(args[0])).acquire(List.of(args[1]),
                Duration.ofSeconds(30), key -> { })) {
            System.out.println("held " + lease.size());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes stdin
            }
        }
    }
}
