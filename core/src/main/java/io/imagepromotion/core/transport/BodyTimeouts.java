package io.imagepromotion.core.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time spent reading answer bodies. java.net.http's request timeout ends when the headers arrive; a server
 * that then sends its body slowly, or never finishes it, would hold a reader forever. A guarded stream is closed by a
 * timer thread when its time is up, which wakes a blocked read; that read then fails with
 * {@link HttpTimeoutException}.
 */
final class BodyTimeouts implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timer;

    BodyTimeouts() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "registry-body-timeout");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** The whole body must be read within {@code timeout}: small answers (manifests, tokens, error bodies). */
    InputStream whole(InputStream in, Duration timeout) {
        return new Guarded(in, timeout, false);
    }

    /**
     * Every stretch of {@code timeout} must bring data: for blob streams, which may rightly take longer than any fixed
     * bound but must not stall.
     */
    InputStream progressing(InputStream in, Duration timeout) {
        return new Guarded(in, timeout, true);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A guarded body's time ran out; also what a request streaming such a body fails with. */
    static final class BodyTimeoutException extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        BodyTimeoutException(String message) {
            super(message);
        }

        /** The body timeout in {@code e}'s causes, if one is there. */
        static java.util.Optional<BodyTimeoutException> in(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BodyTimeoutException b) {
                    return java.util.Optional.of(b);
                }
            }
            return java.util.Optional.empty();
        }
    }

    private final class Guarded extends FilterInputStream {
        private final Duration timeout;
        private final long timeoutNanos;
        private final boolean stallOnly;
        private volatile long lastData = System.nanoTime();
        private volatile boolean expired;
        private volatile boolean closed;
        private volatile ScheduledFuture<?> check;

        Guarded(InputStream in, Duration timeout, boolean stallOnly) {
            super(in);
            this.timeout = timeout;
            this.timeoutNanos = timeout.toNanos();
            this.stallOnly = stallOnly;
            schedule(timeoutNanos);
        }

        private void schedule(long delayNanos) {
            try {
                check = timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException transportClosed) {
                // the transport is closing: its connections go with it
            }
        }

        private void check() {
            if (closed) {
                return;
            }
            long quiet = System.nanoTime() - lastData;
            if (stallOnly && quiet < timeoutNanos) {
                schedule(timeoutNanos - quiet);
                return;
            }
            expired = true;
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // the reader sees the stream closed either way
            }
        }

        private IOException timedOut(IOException e) {
            HttpTimeoutException t = new BodyTimeoutException(stallOnly
                    ? "no data for " + RegistryTransport.human(timeout) + " (the request timeout)"
                    : "no complete answer within the request timeout of " + RegistryTransport.human(timeout));
            t.initCause(e);
            return t;
        }

        private void ensureLive() throws IOException {
            if (expired) {
                throw timedOut(null);
            }
        }

        @Override
        public int read() throws IOException {
            ensureLive();
            try {
                int b = in.read();
                lastData = System.nanoTime();
                return b;
            } catch (IOException e) {
                throw expired ? timedOut(e) : e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            ensureLive();
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    lastData = System.nanoTime();
                }
                return n;
            } catch (IOException e) {
                throw expired ? timedOut(e) : e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            ensureLive();
            try {
                long skipped = in.skip(n);
                lastData = System.nanoTime();
                return skipped;
            } catch (IOException e) {
                throw expired ? timedOut(e) : e;
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            ScheduledFuture<?> c = check;
            if (c != null) {
                c.cancel(false);
            }
            in.close();
        }
    }
}
