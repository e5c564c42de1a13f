package io.jenkins.plugins.imagepromotion.log;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.publish.DockerHost;
import io.imagepromotion.publish.PublishListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes what {@code publishImage} does to a build log: which engine answered, the tag, the push, the digest the
 * registry serves and the pinned reference. Docker reports every layer's state changes (Preparing, Waiting,
 * Pushing, Pushed, ...), which for a large image would flood the log, so layer lines become a count that is
 * printed at most once per interval and once more at the end; lines about the whole push (the repository, the
 * final digest line) are printed as they come. Only references, digests, IDs and counts; never credentials.
 */
public final class PublishLog implements PublishListener {
    /** {@code <layer id>: <status>} as the publish module forwards Docker's per-layer status. */
    private static final Pattern LAYER_LINE = Pattern.compile("^([0-9a-f]{12,64}): (.+)$");

    @SuppressFBWarnings(value = "EI_EXPOSE_REP2", justification = "Writes to the caller's log on purpose")
    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Map<String, String> layerStatus = new LinkedHashMap<>();
    private boolean reportedAny;
    private long lastReport;
    private String lastCount;

    public PublishLog(PrintStream out) {
        this(out, BuildLogListener.DEFAULT_PROGRESS_INTERVAL, System::nanoTime);
    }

    public PublishLog(PrintStream out, Duration interval, LongSupplier nanoClock) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized void connected(DockerHost host, String description) {
        out.println("Docker engine at " + host + " (from " + host.source() + "): " + description);
    }

    @Override
    public synchronized void tagged(String localImage, String imageId, ImageReference target) {
        out.println("Tagged local image " + localImage + " (" + shortId(imageId) + ") as " + target);
    }

    @Override
    public synchronized void pushStatus(String line) {
        Matcher layer = LAYER_LINE.matcher(line);
        if (!layer.matches()) {
            out.println("  " + line);
            return;
        }
        layerStatus.put(layer.group(1), layer.group(2));
        long now = nanoClock.getAsLong();
        if (!reportedAny || now - lastReport >= intervalNanos) {
            reportedAny = true;
            lastReport = now;
            printCount();
        }
    }

    @Override
    public synchronized void resolved(ImageReference target, Digest digest, String mediaType) {
        finishLayers();
        out.println("Registry serves " + target + " as " + digest + (mediaType == null ? "" : " (" + mediaType + ")"));
    }

    @Override
    public synchronized void warning(String message) {
        out.println("WARNING: " + message);
    }

    /** The closing line: the reference the step returns. */
    public synchronized void published(String pinnedReference) {
        finishLayers();
        out.println("Published " + pinnedReference);
    }

    /** The final layer count, unless the last line already said exactly that. */
    private void finishLayers() {
        if (!layerStatus.isEmpty() && !count().equals(lastCount)) {
            printCount();
        }
    }

    private void printCount() {
        lastCount = count();
        out.println(lastCount);
    }

    private String count() {
        int pushed = 0;
        int present = 0;
        int mounted = 0;
        for (String status : layerStatus.values()) {
            if (status.startsWith("Pushed")) {
                pushed++;
            } else if (status.startsWith("Layer already exists")) {
                present++;
            } else if (status.startsWith("Mounted from")) {
                mounted++;
            }
        }
        int total = layerStatus.size();
        int done = pushed + present + mounted;
        return "  layers: " + done + "/" + total + " done (" + pushed + " pushed, " + present + " already there, "
                + mounted + " mounted)";
    }

    /** {@code sha256:0123456789ab}: enough to recognize an image ID in {@code docker images}. */
    static String shortId(String imageId) {
        if (imageId == null) {
            return "no ID";
        }
        int colon = imageId.indexOf(':');
        String hex = colon >= 0 ? imageId.substring(colon + 1) : imageId;
        return hex.length() <= 12 ? imageId : imageId.substring(0, colon + 1) + hex.substring(0, 12);
    }
}
