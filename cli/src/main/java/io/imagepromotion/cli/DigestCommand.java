package io.imagepromotion.cli;

import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionListener;
import io.imagepromotion.core.promote.ResolvedImage;
import io.imagepromotion.core.ref.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "digest", description = {"Print the manifest digest REF resolves to now (one HEAD request).",
        "", "Example:", "  promote digest --full registry.example.com/app:1.4"})
final class DigestCommand implements Callable<Integer> {
    private final PromoteMain.Console console;

    @Parameters(index = "0", paramLabel = "REF", description = "Image reference, tag or digest.")
    String reference;

    @Option(names = "--full", description = "Print host/repository@sha256:... instead of the digest alone.")
    boolean full;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    DigestCommand(PromoteMain.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        ImageReference ref = ImageReference.parse(reference);
        // Reading needs no target: the source registry's credentials come from --src-creds or the docker config.
        try (ImagePromoter promoter = new ImagePromoter(registry.settings(console, ref, List.of()), PromotionListener.SILENT)) {
            ResolvedImage resolved = promoter.resolve(ref);
            console.out().println(full ? resolved.pinned().toString() : resolved.digest().toString());
        }
        return 0;
    }
}
