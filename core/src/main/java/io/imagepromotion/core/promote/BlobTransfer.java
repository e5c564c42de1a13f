package io.imagepromotion.core.promote;

import io.imagepromotion.core.digest.VerifyingInputStream;
import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.error.RegistryException;
import io.imagepromotion.core.error.TransportException;
import io.imagepromotion.core.manifest.ManifestDescriptor;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.registry.RegistryClient.MountOutcome;
import io.imagepromotion.core.registry.RegistryClient.UploadSession;
import io.imagepromotion.core.transport.RegistryResponse;
import io.imagepromotion.core.transport.TransportSettings;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings a set of blobs into a target repository, several at once (bounded). Each blob costs one
 * {@code POST ?mount=&from=}: on the same registry it mounts from the source repository; on another registry it
 * "mounts" from the target repository itself, so a blob the target already has answers 201 (skipped) and any other
 * opens the upload session the copy needs anyway. No HEAD requests. Streams are verified while they flow.
 */
final class BlobTransfer {
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

    private final RegistryClient client;
    private final TransportSettings settings;
    private final PromotionListener listener;
    private final ConcurrentRequests concurrent;

    BlobTransfer(RegistryClient client, TransportSettings settings, PromotionListener listener, ConcurrentRequests concurrent) {
        this.client = client;
        this.settings = settings;
        this.listener = listener;
        this.concurrent = concurrent;
    }

    record Outcome(int mounted, int copied, int skipped, long bytes) {
    }

    Outcome transfer(ImageReference source, ImageReference target, List<ManifestDescriptor> blobs, boolean sameRegistry) {
        Progress progress = new Progress(blobs);
        AtomicInteger mounted = new AtomicInteger();
        AtomicInteger copied = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        concurrent.each(blobs, blob -> {
            String from = sameRegistry ? source.repository() : target.repository();
            MountOutcome mount = client.mountOrOpen(target, blob.digest(), from);
            if (mount.mounted()) {
                (sameRegistry ? mounted : skipped).incrementAndGet();
            } else {
                stream(source, blob, mount.session(), progress);
                copied.incrementAndGet();
                bytes.addAndGet(blob.size());
            }
            progress.blobDone(mount.mounted() ? blob.size() : 0);
            return null;
        });
        progress.finish();
        return new Outcome(mounted.get(), copied.get(), skipped.get(), bytes.get());
    }

    /**
     * Streams one blob into an open session: monolithic first; chunked when the registry refuses the whole body (413).
     * Transport failures are retried with a fresh session; corrupt content never is.
     */
    private void stream(ImageReference source, ManifestDescriptor blob, UploadSession firstSession, Progress progress) {
        UploadSession session = firstSession;
        int attempts = settings.retryPolicy().maxAttempts();
        boolean chunked = false;
        for (int attempt = 1; ; attempt++) {
            VerifyingInputStream verified = null;
            try (RegistryResponse response = client.openBlob(source, blob.digest())) {
                verified = new VerifyingInputStream(response.stream(), blob.digest(), blob.size(), "blob");
                CountingStream counting = new CountingStream(verified, progress);
                if (chunked) {
                    client.completeChunkedUpload(session, blob.digest(), counting, blob.size(), settings.chunkSize());
                } else {
                    client.completeUpload(session, blob.digest(), () -> counting, blob.size());
                }
                return;
            } catch (ImagePromotionException e) {
                client.cancelUpload(session);
                if (verified != null && verified.failure().isPresent()) {
                    throw verified.failure().get();
                }
                if (verified != null) {
                    progress.rewind(verified.bytesRead());
                }
                boolean tooLarge = !chunked && e instanceof RegistryException re && re.status() == 413;
                boolean retryable = e instanceof TransportException && attempt < attempts;
                if (!tooLarge && !retryable) {
                    throw e;
                }
                if (tooLarge) {
                    chunked = true;
                    attempt--;
                    listener.warning("registry " + session.repo().registry() + " refused blob " + blob.digest().shortForm()
                            + " in one request (413); uploading it in chunks");
                } else {
                    listener.warning("copying blob " + blob.digest().shortForm() + " failed (" + e.getMessage() + "); retrying");
                }
                session = client.startUpload(session.repo());
            }
        }
    }

    /** Counts bytes for the progress report as the upload reads them. */
    private static final class CountingStream extends FilterInputStream {
        private final Progress progress;

        CountingStream(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                progress.bytes(n);
            }
            return n;
        }
    }

    /** Aggregates progress from all workers and reports it at most once a second, plus once at the end. */
    private final class Progress {
        private final int blobsTotal;
        private final long bytesTotal;
        private final AtomicInteger blobsDone = new AtomicInteger();
        private final AtomicLong bytesDone = new AtomicLong();
        private final long started = System.nanoTime();
        private final AtomicLong lastReport = new AtomicLong(started);
        private volatile boolean reported;

        Progress(List<ManifestDescriptor> blobs) {
            this.blobsTotal = blobs.size();
            this.bytesTotal = blobs.stream().mapToLong(ManifestDescriptor::size).sum();
        }

        void bytes(long n) {
            bytesDone.addAndGet(n);
            maybeReport();
        }

        void rewind(long n) {
            bytesDone.addAndGet(-n);
        }

        /** @param unstreamedBytes size of a mounted or skipped blob, which counts as done without streaming */
        void blobDone(long unstreamedBytes) {
            bytesDone.addAndGet(unstreamedBytes);
            blobsDone.incrementAndGet();
            maybeReport();
        }

        private void maybeReport() {
            long now = System.nanoTime();
            long last = lastReport.get();
            if (now - last >= PROGRESS_INTERVAL_NANOS && lastReport.compareAndSet(last, now)) {
                reported = true;
                listener.progress(new TransferProgress(blobsDone.get(), blobsTotal, bytesDone.get(), bytesTotal));
            }
        }

        /** The final line, only when the transfer was long enough to show progress at all. */
        void finish() {
            if (!reported && System.nanoTime() - started < PROGRESS_INTERVAL_NANOS) {
                return;
            }
            listener.progress(new TransferProgress(blobsDone.get(), blobsTotal, bytesDone.get(), bytesTotal));
        }
    }
}
