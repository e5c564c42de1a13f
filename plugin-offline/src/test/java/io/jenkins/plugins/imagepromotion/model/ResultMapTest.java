package io.jenkins.plugins.imagepromotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;
import io.imagepromotion.core.ref.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultMapTest {
    static final Digest NEW = Digest.parse("sha256:" + "1".repeat(64));
    static final Digest OLD = Digest.parse("sha256:" + "2".repeat(64));

    static PromotionResult result(boolean dryRun) {
        return new PromotionResult(ImageReference.parse("reg.example.com/app:1.0"), NEW,
                "application/vnd.oci.image.manifest.v1+json",
                List.of(new TargetOutcome(ImageReference.parse("reg.example.com/app:staging"), OLD, true),
                        new TargetOutcome(ImageReference.parse("mirror.example.com/app:staging"), null, true),
                        new TargetOutcome(ImageReference.parse("reg.example.com/app:qa"), NEW, false)),
                2, 3, 1, 4096L, 4, 17, dryRun);
    }

    @Test
    void keysAndValuesAreThoseTheSharedLibraryReads() {
        Map<String, Object> map = ResultMap.of(PromotionOutcome.from(result(false)));

        assertEquals(List.of("source", "digest", "mediaType", "targets", "changed", "blobsMounted", "blobsCopied",
                "blobsSkipped", "bytesCopied", "manifestsPushed", "requests", "dryRun", "ledger", "recorded"),
                new ArrayList<>(map.keySet()));
        assertEquals(List.of(), map.get("ledger"), "no environment, no records");
        assertEquals(Boolean.TRUE, map.get("recorded"), "nothing was left unrecorded");
        assertEquals("reg.example.com/app:1.0", map.get("source"));
        assertEquals(NEW.toString(), map.get("digest"));
        assertEquals("application/vnd.oci.image.manifest.v1+json", map.get("mediaType"));
        assertEquals(Boolean.TRUE, map.get("changed"));
        assertEquals(2, map.get("blobsMounted"));
        assertEquals(3, map.get("blobsCopied"));
        assertEquals(1, map.get("blobsSkipped"));
        assertEquals(4096L, map.get("bytesCopied"));
        assertEquals(4, map.get("manifestsPushed"));
        assertEquals(17, map.get("requests"));
        assertEquals(Boolean.FALSE, map.get("dryRun"));
    }

    @Test
    void targetsArePlainMapsWithPreviousDigestNullWhenAbsent() {
        Map<String, Object> map = ResultMap.of(PromotionOutcome.from(result(false)));
        List<?> targets = assertInstanceOf(ArrayList.class, map.get("targets"));
        assertEquals(3, targets.size());
        Map<?, ?> first = assertInstanceOf(LinkedHashMap.class, targets.get(0));
        assertEquals(List.of("reference", "previousDigest", "changed"), new ArrayList<>(first.keySet()));
        assertEquals("reg.example.com/app:staging", first.get("reference"));
        assertEquals(OLD.toString(), first.get("previousDigest"));
        assertEquals(Boolean.TRUE, first.get("changed"));
        Map<?, ?> second = (Map<?, ?>) targets.get(1);
        assertNull(second.get("previousDigest"));
        assertEquals(Boolean.FALSE, ((Map<?, ?>) targets.get(2)).get("changed"));
    }

    @Test
    void nothingChangedWhenEveryTargetWasAlreadyThere() {
        PromotionResult allThere = new PromotionResult(ImageReference.parse("reg.example.com/app@" + NEW), NEW, "m",
                List.of(new TargetOutcome(ImageReference.parse("reg.example.com/app:qa"), NEW, false)), 0, 0, 0, 0, 0, 2, true);
        Map<String, Object> map = ResultMap.of(PromotionOutcome.from(allThere));
        assertEquals(Boolean.FALSE, map.get("changed"));
        assertEquals(Boolean.TRUE, map.get("dryRun"));
    }
}
