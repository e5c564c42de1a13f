package io.imagepromotion.core.referrers;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;
import io.imagepromotion.core.error.PreconditionFailedException;
import io.imagepromotion.core.lock.TargetLease;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.manifest.RawManifest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Read-modify-write of a tag whose manifest is a set of entries that writers add to (a referrers fallback index, a
 * ledger page). distribution 2.8.2 ignores {@code If-Match} and loses all but one of ten concurrent updates
 * (measured), so: writers are serialised with {@link TargetLocks} (key: the tag's reference), {@code If-Match} is
 * sent anyway for registries that honour it, and the tag is read again after the write. The update function is a
 * union (it adds what is missing and returns empty when nothing is), so a lost update shows on the re-read and the
 * merge is simply repeated on what is there now.
 */
public final class MergingTagWriter {
    /** Attempts before giving up; each one a PUT and a GET. */
    static final int ATTEMPTS = 6;

    private final RegistryClient client;
    private final TargetLocks locks;
    private final Duration lockTimeout;

    public MergingTagWriter(RegistryClient client, TargetLocks locks, Duration lockTimeout) {
        this.client = client;
        this.locks = locks;
        this.lockTimeout = lockTimeout;
    }

    /** The lock a caller takes to hold a merge together with its own reads of the same tag. */
    public TargetLease lock(ImageReference tag) {
        return locks.acquire(List.of(TargetLocks.key(tag)), lockTimeout, key -> { });
    }

    /** Takes the tag's lock, reads it, merges, writes and proves the merge. */
    public void merge(ImageReference tag, Function<Optional<RawManifest>, Optional<RawManifest>> update) {
        try (TargetLease ignored = lock(tag)) {
            mergeLocked(tag, client.findManifest(tag), update);
        }
    }

    /**
     * Merges with the lock already held by the caller, starting from {@code current}, what the caller read under it.
     *
     * @param update what to write given what the tag holds, or empty when it already holds every entry this writer adds
     * @throws LostUpdateException when the tag still lacks the entries after {@value #ATTEMPTS} attempts
     */
    public void mergeLocked(ImageReference tag, Optional<RawManifest> current,
                            Function<Optional<RawManifest>, Optional<RawManifest>> update) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<RawManifest> next = update.apply(current);
            if (next.isEmpty()) {
                return;
            }
            Map<String, String> conditional = current.isPresent()
                    ? Map.of("If-Match", "\"" + current.get().digest() + "\"")
                    : Map.of("If-None-Match", "*");
            try {
                client.putManifestWithHeaders(tag, tag.tag(), next.get(), conditional);
            } catch (PreconditionFailedException changed) {
                current = client.findManifest(tag);
                continue;
            }
            current = client.findManifest(tag);
            if (update.apply(current).isEmpty()) {
                return;
            }
            pause(attempt);
        }
        throw new LostUpdateException(tag);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Other writers kept overwriting the tag; the entries this writer adds are not in it. */
    public static final class LostUpdateException extends ImagePromotionException {
        private static final long serialVersionUID = 1L;

        LostUpdateException(ImageReference tag) {
            super("could not add to " + tag + ": other writers overwrote it " + ATTEMPTS + " times in a row; run again"
                    + " (writers on other machines are not serialised by the lock)");
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.FAILURE;
        }
    }
}
