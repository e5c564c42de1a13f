package io.imagepromotion.cli;

import io.imagepromotion.cli.demo.GeneratedImage;
import io.imagepromotion.cli.demo.ThrowawayRegistry;
import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ledger.PromotionLedger;
import io.imagepromotion.core.ledger.RecordOutcome;
import io.imagepromotion.core.ledger.RecordSigner;
import io.imagepromotion.core.ledger.TagHistory;
import io.imagepromotion.core.error.ContentMismatchException;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionRequest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.ResolvedImage;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "demo", description = {
        "Start a throwaway registry on loopback, push a generated image as demo/app:build-1, promote it to staging and"
                + " then production, recording each promotion in the ledger, show that the digest is the same at every"
                + " stage, and show the environments' history and status, and write their board. Cleans up after itself.",
        "", "Example:", "  promote demo"})
final class DemoCommand implements Callable<Integer> {
    private final PromoteMain.Console console;

    DemoCommand(PromoteMain.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = console.out();
        out.println("== image-promotion demo ==");
        try (ThrowawayRegistry registry = ThrowawayRegistry.start(console.err())) {
            String host = registry.host();
            out.println("1. started a throwaway registry (docker-registry) at " + host);
            TransportSettings settings = TransportSettings.defaults();

            ImageReference build = ImageReference.parse(host + "/demo/app:build-1");
            Digest built;
            try (RegistryTransport transport = new RegistryTransport(settings)) {
                built = GeneratedImage.push(new RegistryClient(transport), build, 4, 512 * 1024, 42);
            }
            out.println("2. CI built and pushed " + build + " once");
            out.println("   digest " + built);

            StderrProgress progress = new StderrProgress(console.err());
            try (ImagePromoter promoter = new ImagePromoter(settings, progress)) {
                ResolvedImage pinned = promoter.resolve(build);
                out.println("3. pinned the build: " + pinned.pinned());

                ImageReference staging = ImageReference.parse(host + "/staging/app:build-1");
                PromotionResult toStaging = promoter.promote(PromotionRequest.builder(pinned.pinned()).target(staging)
                        .expectAbsent(true).build());
                report(out, "4. promoted to staging", toStaging);
                PromotionLedger ledger = promoter.ledger(RecordSigner.UNSIGNED);
                recorded(out, ledger.recordPromotion(toStaging, context("staging", "qa-lead")));

                ImageReference production = ImageReference.parse(host + "/production/app:build-1");
                ImageReference live = ImageReference.parse(host + "/production/app:live");
                PromotionResult toProduction = promoter.promote(PromotionRequest.builder(staging)
                        .target(production).target(live).build());
                report(out, "5. promoted staging to production", toProduction);
                recorded(out, ledger.recordPromotion(toProduction, context("production", "release-manager")));

                PromotionResult again = promoter.promote(PromotionRequest.builder(pinned.pinned()).target(live).build());
                out.println("6. promoting again is a no-op: changed=" + again.changed() + ", " + again.requests() + " request(s)");

                out.println("7. digests at each stage:");
                Digest[] stages = new Digest[4];
                ImageReference[] refs = {build, staging, production, live};
                for (int i = 0; i < refs.length; i++) {
                    stages[i] = promoter.resolve(refs[i]).digest();
                    out.printf("   %-45s %s%n", refs[i], stages[i]);
                }
                for (Digest d : stages) {
                    if (!d.equals(built)) {
                        throw new ContentMismatchException("demo failed: a stage holds " + d + ", not " + built);
                    }
                }
                out.println("   all equal: production runs byte for byte what was built and validated in staging");

                out.println("8. the promotion ledger in the registry (promote history):");
                for (ImageReference tag : new ImageReference[]{staging, live}) {
                    LedgerText.history(out, ledger.history(tag, 5), "   ");
                }
                out.println("9. status of the environments (promote status; DRIFT would exit 4):");
                for (ImageReference tag : new ImageReference[]{staging, production, live}) {
                    TagHistory status = ledger.status(tag);
                    if (status.drift()) {
                        throw new ContentMismatchException("demo failed: " + LedgerText.status(status));
                    }
                    out.println("   " + LedgerText.status(status));
                }
            }
            // The board outlives the registry: it is a self-contained page, kept where the user can open it.
            Path boardDir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "image-promotion-demo"));
            Path board = BoardCommand.write(settings, List.of(build, ImageReference.parse(host + "/staging/app:build-1"),
                    ImageReference.parse(host + "/production/app:live")), boardDir.resolve("board.html"));
            out.println("10. wrote the environment board (promote board): " + board);
        }
        out.println("11. stopped the registry and removed its storage");
        return 0;
    }

    private static PromotionLedger.RecordContext context(String environment, String approver) {
        return new PromotionLedger.RecordContext(environment,
                List.of(new Approval(approver, Instant.now().truncatedTo(ChronoUnit.SECONDS), ApprovalAuthority.asserted())),
                null, null, RecordOptions.TOOL_NAME, RecordOptions.version());
    }

    private static void recorded(PrintStream out, List<RecordOutcome> records) {
        for (RecordOutcome r : records) {
            if (!r.recorded()) {
                throw new IllegalStateException("demo failed: the record of " + r.target() + " was not written: " + r.reason());
            }
            out.println("   recorded in the ledger: " + r.target() + " (record " + r.record().shortForm() + ")");
        }
    }

    private static void report(PrintStream out, String step, PromotionResult r) {
        out.println(step + ": " + r.targets().stream().map(t -> t.reference().toString()).toList()
                + " -> " + r.digest());
        out.println("   blobs mounted " + r.blobsMounted() + ", copied " + r.blobsCopied() + ", skipped " + r.blobsSkipped()
                + "; manifests pushed " + r.manifestsPushed() + "; " + r.requests() + " registry requests");
    }
}
