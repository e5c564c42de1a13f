package io.imagepromotion.core.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/** The right to write a set of target tags, from {@link TargetLocks#acquire} until {@link #close}. Closing twice is harmless. */
public final class TargetLease implements AutoCloseable {
    record Held(Semaphore permit, FileChannel channel, FileLock lock) {
    }

    private final List<Held> held;
    private final AtomicBoolean closed = new AtomicBoolean();

    TargetLease(List<Held> held) {
        this.held = new ArrayList<>(held);
    }

    /** How many keys this lease holds (zero when locking is disabled). */
    public int size() {
        return held.size();
    }

    /** Releases in reverse order of taking: the file lock, then the in-process permit. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<Held> reversed = new ArrayList<>(held);
        Collections.reverse(reversed);
        for (Held h : reversed) {
            try {
                if (h.lock() != null) {
                    h.lock().release();
                }
            } catch (IOException ignored) {
                // the channel's close below releases it as well
            } finally {
                TargetLocks.closeQuietly(h.channel());
                h.permit().release();
            }
        }
    }
}
