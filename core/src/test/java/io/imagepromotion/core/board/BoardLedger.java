package io.imagepromotion.core.board;

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

import java.time.Instant;
import java.util.List;

/** Promotions, rollbacks and their records on a real registry, written the way the CLI writes them. */
final class BoardLedger implements AutoCloseable {
    private final RegistryTransport transport = new RegistryTransport(TransportSettings.defaults());
    private final RegistryClient client = new RegistryClient(transport);
    private final ImagePromoter promoter = new ImagePromoter(TransportSettings.defaults(), PromotionListener.SILENT);
    private final PromotionLedger ledger = new PromotionLedger(client);

    RegistryClient client() {
        return client;
    }

    static PromotionLedger.RecordContext context(String environment, String approver) {
        return new PromotionLedger.RecordContext(environment,
                List.of(new Approval(approver, Instant.parse("2026-12-06T10:00:00Z"), ApprovalAuthority.asserted())),
                null, "https://ci.example.com/job/app/7/", "image-promotion", "test");
    }

    Digest promote(String source, String target, String environment) {
        PromotionResult result = promoter.promote(PromotionRequest.builder(ImageReference.parse(source))
                .target(ImageReference.parse(target)).build());
        ledger.recordPromotion(result, context(environment, "alice"));
        return result.digest();
    }

    Digest rollBack(String tag, String environment) {
        return new Rollback(ledger, client).run(promoter, ImageReference.parse(tag), null, context(environment, "bob")).to();
    }

    @Override
    public void close() {
        promoter.close();
        transport.close();
    }
}
