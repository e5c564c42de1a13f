package io.jenkins.plugins.imagepromotion.view;

import io.jenkins.plugins.imagepromotion.model.PromotionRecord;
import java.util.List;

/**
 * One build's promotion records, as the board reads them; free of Jenkins types so that the board's model can be
 * built and tested without a Jenkins.
 *
 * @param url the build's URL, absolute when Jenkins knows its root URL, else relative ({@code job/app/42/})
 */
public record PromotedBuild(int number, String url, List<PromotionRecord> records) {
    public PromotedBuild {
        records = List.copyOf(records);
    }
}
