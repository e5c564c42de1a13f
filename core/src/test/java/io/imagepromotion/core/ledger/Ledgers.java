package io.imagepromotion.core.ledger;

import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import io.imagepromotion.core.json.JsonValue;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.promote.PromotionRequest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Promotes and records the plain way the CLI does: the promotion first, then its records with its own client. */
final class Ledgers {
    private Ledgers() {
    }

    static PromotionLedger.RecordContext context(String environment, String approver) {
        return new PromotionLedger.RecordContext(environment,
                List.of(new Approval(approver, Instant.parse("2026-12-06T10:00:00Z"), ApprovalAuthority.asserted())),
                null, "https://ci.example.com/job/app/7/", "image-promotion", "test");
    }

    static List<RecordOutcome> promoteAndRecord(TransportSettings settings, String source, String target, String environment) {
        try (ImagePromoter promoter = new ImagePromoter(settings, PromotionListener.SILENT);
             RegistryTransport transport = new RegistryTransport(settings)) {
            PromotionResult result = promoter.promote(PromotionRequest.builder(ImageReference.parse(source))
                    .target(ImageReference.parse(target)).build());
            return new PromotionLedger(new RegistryClient(transport)).recordPromotion(result, context(environment, "alice"));
        }
    }

    static TagHistory history(TransportSettings settings, String tag, int limit) {
        try (RegistryTransport transport = new RegistryTransport(settings)) {
            return new PromotionLedger(new RegistryClient(transport)).history(ImageReference.parse(tag), limit);
        }
    }

    static JsonValue json(byte[] bytes) {
        try {
            return JsonValue.parse(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
