package io.imagepromotion.core.ledger;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One record writer in a process of its own: {@code TAG DIGEST LOCK_DIR GO_FILE}, serialised with the other writers
 * by the file lock of the ledger tag in LOCK_DIR (TargetLocks). Waits for GO_FILE so that all
 * writers start together, then writes one record for TAG (which must already hold DIGEST).
 */
public final class RecordWriterProcess {
    public static void main(String[] args) throws Exception {
        ImageReference tag = ImageReference.parse(args[0]);
        Digest digest = Digest.parse(args[1]);
        Path go = Path.of(args[3]);
        while (!Files.exists(go)) {
            Thread.sleep(2);
        }
        try (RegistryTransport transport = new RegistryTransport(TransportSettings.defaults())) {
            PromotionLedger ledger = new PromotionLedger(new RegistryClient(transport),
                    TargetLocks.inProcessAndFiles(Path.of(args[2])), Duration.ofMinutes(2), RecordSigner.UNSIGNED);
            RecordOutcome outcome = ledger.record(tag, tag.withDigest(digest), digest, null,
                    Ledgers.context("env-" + tag.tag(), "writer-" + tag.tag()), RecordKind.PROMOTION);
            System.out.println(outcome.recorded() + " " + outcome.statement() + " " + outcome.record());
        }
    }
}
