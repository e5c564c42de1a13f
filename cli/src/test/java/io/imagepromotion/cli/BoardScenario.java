package io.imagepromotion.cli;

import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.PromotionLedger;
import io.imagepromotion.core.ledger.Rollback;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.promote.PromotionRequest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
import io.imagepromotion.testkit.RegistryServer;
import io.imagepromotion.testkit.Skopeo;
import io.imagepromotion.testkit.TestImage;
import io.imagepromotion.testkit.TestImages;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A demo-like ledger on a real registry, written through core's promoter and ledger: builds 1 to 4 of demo/app go
 * through dev, staging and prod; staging is rolled back from build 3 to build 2; build 3 is then copied into prod by
 * hand. So dev holds build 4 (waiting for staging), staging build 2 (waiting for prod, where it ran before),
 * and prod build 3 out of the ledger's sight: DRIFT.
 */
final class BoardScenario implements AutoCloseable {
    final String dev;
    final String staging;
    final String prod;
    final Digest[] builds = new Digest[5];
    private final RegistryTransport transport = new RegistryTransport(TransportSettings.defaults());
    private final RegistryClient client = new RegistryClient(transport);
    private final ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT);
    private final PromotionLedger ledger = new PromotionLedger(client);
    private final String repository;

    private BoardScenario(RegistryServer registry) {
        repository = registry.host() + "/demo/app";
        dev = repository + ":dev";
        staging = repository + ":staging";
        prod = repository + ":prod";
    }

    static BoardScenario write(RegistryServer registry, Path dir) throws InterruptedException {
        BoardScenario s = new BoardScenario(registry);
        for (int i = 1; i <= 4; i++) {
            TestImage image = TestImages.oci(dir.resolve("build-" + i), 1, 4 * 1024, 100 + i);
            Skopeo.forRegistry(registry).push(image, s.repository + ":build-" + i);
            s.builds[i] = Digest.parse(image.digest());
        }
        for (int i = 1; i <= 3; i++) {
            s.promote(i, s.dev, "dev", "ci-bot");
            pause();
            s.promote(i, s.staging, "staging", "alice");
            pause();
            if (i < 3) {
                s.promote(i, s.prod, "production", "bob");
                pause();
            }
        }
        s.rollBack(s.staging, "staging", "alice");
        pause();
        s.promote(4, s.dev, "dev", "ci-bot");
        pause();
        Skopeo.forRegistry(registry).copy(s.repository + ":build-3", s.prod); // by hand, outside promotions
        return s;
    }

    /** The lanes in board order. */
    List<String> lanes() {
        return List.of(dev, staging, prod);
    }

    /** Writes a record with any environment, approver and CI run URL: what a hostile or broken writer could store. */
    void promoteWith(int build, String tag, String environment, String approver, String ciRunUrl) {
        PromotionResult result = promoter.promote(PromotionRequest.builder(ImageReference.parse(repository + ":build-" + build))
                .target(ImageReference.parse(tag)).build());
        ledger.recordPromotion(result, new PromotionLedger.RecordContext(environment,
                List.of(new Approval(approver, Instant.now(), ApprovalAuthority.asserted())), null, ciRunUrl,
                "image-promotion", "test"));
    }

    private void promote(int build, String tag, String environment, String approver) {
        promoteWith(build, tag, environment, approver, "https://ci.example.com/job/app/" + build + "/");
    }

    private void rollBack(String tag, String environment, String approver) {
        new Rollback(ledger, client).run(promoter, ImageReference.parse(tag), null, new PromotionLedger.RecordContext(
                environment, List.of(new Approval(approver, Instant.now(), ApprovalAuthority.asserted())), null,
                "https://ci.example.com/job/app-rollback/1/", "image-promotion", "test"));
    }

    /** Spaces the changes out a little, so that the timeline's chips are wide enough to read. */
    private static void pause() throws InterruptedException {
        Thread.sleep(150);
    }

    @Override
    public void close() {
        promoter.close();
        transport.close();
    }
}
