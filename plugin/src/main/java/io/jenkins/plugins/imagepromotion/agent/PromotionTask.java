package io.jenkins.plugins.imagepromotion.agent;

import io.imagepromotion.core.ledger.PromotionLedger;
import io.imagepromotion.core.ledger.RecordOutcome;
import io.imagepromotion.core.ledger.RecordSigner;
import io.imagepromotion.core.lock.TargetLocks;
import io.imagepromotion.core.promote.ImagePromoter;
import io.imagepromotion.core.promote.PromotionRequest;
import io.imagepromotion.core.promote.PromotionResult;
import io.imagepromotion.core.promote.TagWritePolicy;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
import io.jenkins.plugins.imagepromotion.args.PromoteArguments;
import io.jenkins.plugins.imagepromotion.log.BuildLogListener;
import io.jenkins.plugins.imagepromotion.model.ApprovalEntry;
import io.jenkins.plugins.imagepromotion.model.LedgerEntry;
import io.jenkins.plugins.imagepromotion.model.PromotionOutcome;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs one promotion where it is called (on the agent), logging to the build log. Free of Jenkins types. */
public final class PromotionTask {
    /** The one warning approvedBy: gets: nobody checked it, and how to get approvals Jenkins vouches for. */
    static final String APPROVED_BY_WARNING = "WARNING: approvedBy: '%s' is recorded as asserted by the pipeline, not as"
            + " an approval: Jenkins did not check it. For approvals Jenkins vouches for, use planPromotion,"
            + " approvePromotion and promoteImage(approval: gate.id)";

    private PromotionTask() {
    }

    /** Without ledger records unless {@code args} name an environment; then unsigned and without a run URL. */
    public static PromotionOutcome run(PromoteArguments args, RegistryAccess access, PrintStream log) {
        return run(args, access, LedgerOptions.unsigned(null), log);
    }

    /**
     * Promotes, then, when {@code args} name an environment (and it is not a dry run), writes one ledger record per
     * target tag in its repository, after the tag is verified. A record that could not be written is reported in the
     * outcome and the log; the promotion stays.
     *
     * @throws io.imagepromotion.core.error.ImagePromotionException for every failure the user can act on
     */
    public static PromotionOutcome run(PromoteArguments args, RegistryAccess access, LedgerOptions ledger,
                                       PrintStream log) {
        return run(args, access, ledger, false, log);
    }

    /** @param onController the step runs outside node: a plan that would stream blob bytes is refused, unwritten */
    public static PromotionOutcome run(PromoteArguments args, RegistryAccess access, LedgerOptions ledger,
                                       boolean onController, PrintStream log) {
        PromotionRequest request = args.toRequest();
        boolean records = args.environment() != null && !args.dryRun();
        // Before anything is written: a key that does not parse fails the step with the tags untouched.
        RecordSigner signer = records ? ledger.signer() : RecordSigner.UNSIGNED;
        if (args.environment() != null || args.approvedBy() != null || args.approval() != null) {
            log.println("Promotion" + (args.environment() == null ? "" : " to environment " + args.environment())
                    + (args.approval() == null ? "" : ", approved in Jenkins through gate " + args.approval() + " by "
                    + String.join(", ", ledger.vouchedApprovals().stream().map(ApprovalEntry::getUser).toList()))
                    + (args.approvedBy() == null ? "" : ", approval asserted by the pipeline for " + args.approvedBy()));
        }
        if (args.approvedBy() != null) {
            log.println(APPROVED_BY_WARNING.formatted(args.approvedBy()));
        }
        BuildLogListener listener = new BuildLogListener(log);
        TransportSettings settings = access.transportSettings();
        PromotionResult result;
        try (ImagePromoter promoter = new ImagePromoter(settings,
                onController ? new ControllerCopyGuard(listener) : listener)) {
            result = promoter.promote(request);
            listener.summary(result);
        }
        if (!records) {
            return PromotionOutcome.from(result);
        }
        return PromotionOutcome.from(result).withLedger(record(result, args, ledger, signer, settings, log));
    }

    private static List<LedgerEntry> record(PromotionResult result, PromoteArguments args, LedgerOptions ledger,
                                            RecordSigner signer, TransportSettings settings, PrintStream log) {
        PromotionLedger.RecordContext context = new PromotionLedger.RecordContext(args.environment(),
                ledger.approvals(args.approvedBy(), Instant.now()), null, ledger.ciRunUrl(),
                LedgerOptions.TOOL_NAME, toolVersion());
        List<LedgerEntry> entries = new ArrayList<>();
        try (RegistryTransport transport = new RegistryTransport(settings)) {
            PromotionLedger writer = new PromotionLedger(new RegistryClient(transport), TargetLocks.inProcess(),
                    TagWritePolicy.DEFAULT_LOCK_TIMEOUT, signer);
            for (RecordOutcome outcome : writer.recordPromotion(result, context)) {
                LedgerEntry entry = LedgerEntry.from(outcome, ledger.signs());
                entries.add(entry);
                if (entry.isAlreadyThere()) {
                    log.println("Ledger: " + entry.getTarget() + " already has this promotion's record " + entry.getRecord());
                } else if (entry.isRecorded()) {
                    log.println("Ledger: recorded " + entry.getTarget() + " in environment " + args.environment()
                            + (entry.isSigned() ? ", signed" : "") + " (record " + entry.getRecord() + ")");
                } else {
                    log.println("Ledger: NOT recorded for " + entry.getTarget() + ": " + entry.getReason()
                            + ". The tag has moved and stays moved");
                }
            }
        }
        return entries;
    }

    private static String toolVersion() {
        String version = PromotionTask.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }
}
