package io.imagepromotion.cli;

import io.imagepromotion.cli.demo.GeneratedImage;
import io.imagepromotion.cli.demo.ThrowawayRegistry;
import io.imagepromotion.core.digest.Digest;
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
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "demo", description = {
        "Start a throwaway registry on loopback, push a generated image as demo/app:build-1, promote it to staging and"
                + " then production, and show that the digest is the same at every stage. Cleans up after itself."})
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

                ImageReference production = ImageReference.parse(host + "/production/app:build-1");
                ImageReference live = ImageReference.parse(host + "/production/app:live");
                PromotionResult toProduction = promoter.promote(PromotionRequest.builder(staging)
                        .target(production).target(live).build());
                report(out, "5. promoted staging to production", toProduction);

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
            }
        }
        out.println("8. stopped the registry and removed its storage");
        return 0;
    }

    private static void report(PrintStream out, String step, PromotionResult r) {
        out.println(step + ": " + r.targets().stream().map(t -> t.reference().toString()).toList()
                + " -> " + r.digest());
        out.println("   blobs mounted " + r.blobsMounted() + ", copied " + r.blobsCopied() + ", skipped " + r.blobsSkipped()
                + "; manifests pushed " + r.manifestsPushed() + "; " + r.requests() + " registry requests");
    }
}
