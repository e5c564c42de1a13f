package io.imagepromotion.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TargetOutcome;

/** The JSON contract of {@code promote copy --json}; scripts rely on these field names. */
final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {
    }

    static String write(PromotionResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", r.source().toString());
        root.put("digest", r.digest().toString());
        root.put("mediaType", r.mediaType());
        ArrayNode targets = root.putArray("targets");
        for (TargetOutcome t : r.targets()) {
            ObjectNode node = targets.addObject();
            node.put("reference", t.reference().toString());
            if (t.previousDigest() == null) {
                node.putNull("previousDigest");
            } else {
                node.put("previousDigest", t.previousDigest().toString());
            }
            node.put("changed", t.changed());
        }
        root.put("changed", r.changed());
        root.put("blobsMounted", r.blobsMounted());
        root.put("blobsCopied", r.blobsCopied());
        root.put("blobsSkipped", r.blobsSkipped());
        root.put("bytesCopied", r.bytesCopied());
        root.put("manifestsPushed", r.manifestsPushed());
        root.put("requests", r.requests());
        root.put("dryRun", r.dryRun());
        return root.toString();
    }
}
