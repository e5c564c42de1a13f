package io.imagepromotion.cli;

import io.imagepromotion.core.approval.Approval;
import io.imagepromotion.core.approval.ApprovalAuthority;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ledger.Dsse;
import io.imagepromotion.core.ledger.PromotionLedger;
import io.imagepromotion.core.ledger.RecordSigner;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the commands that write promotion records (copy with --environment, rollback) put into them. */
final class RecordOptions {
    // Names shared by the annotations and CopyArgumentParser, which reads ordinary copy arguments without picocli.
    static final String APPROVED_BY = "--approved-by";
    static final String SIGN_KEY = "--sign-key";
    static final String CI_RUN = "--ci-run";
    static final String TOOL_NAME = "image-promotion";

    @Option(names = APPROVED_BY, paramLabel = "USER[,USER]",
            description = "Who approved, recorded with authority 'asserted' (nobody checked it, unlike a Jenkins approval).")
    String approvedBy;

    @Option(names = SIGN_KEY, paramLabel = "FILE",
            description = "Sign the record with this ECDSA P-256 or Ed25519 private key (PKCS#8 PEM): the record's"
                    + " statement is written as a DSSE envelope; check it with promote history --verify-key.")
    String signKey;

    @Option(names = CI_RUN, paramLabel = "URL",
            description = "The CI run that promotes, recorded (default: $BUILD_URL, then the GitHub Actions run, then"
                    + " $CI_JOB_URL).")
    String ciRun;

    /** Whether an option that only matters for a record was given. */
    boolean any() {
        return approvedBy != null || signKey != null || ciRun != null;
    }

    /** Reads the key now, before anything moves, so a bad key file is an input error and not a missing record. */
    RecordSigner signer() {
        if (signKey == null) {
            return RecordSigner.UNSIGNED;
        }
        Path file;
        try {
            file = Path.of(signKey);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException(SIGN_KEY + " " + signKey + " is not a file path");
        }
        return RecordSigner.dsse(Dsse.readPrivateKey(file), "");
    }

    PromotionLedger.RecordContext context(String environment, Map<String, String> env) {
        return new PromotionLedger.RecordContext(environment, approvals(Instant.now().truncatedTo(ChronoUnit.SECONDS)),
                null, ciRunUrl(env), TOOL_NAME, version());
    }

    List<Approval> approvals(Instant at) {
        List<Approval> out = new ArrayList<>();
        if (approvedBy == null) {
            return out;
        }
        for (String user : approvedBy.split(",", -1)) {
            String id = user.trim();
            if (id.isEmpty() || id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new InvalidInputException(APPROVED_BY + " takes user ids separated by commas, e.g. alice,bob;"
                        + " got '" + approvedBy + "'");
            }
            out.add(new Approval(id, at, ApprovalAuthority.asserted()));
        }
        return out;
    }

    /** The CI run URL; one with user information is refused, since the record is readable by anyone who can pull. */
    String ciRunUrl(Map<String, String> env) {
        String url = ciRun;
        if (url == null) {
            url = env.get("BUILD_URL");
        }
        if (url == null && env.get("GITHUB_RUN_ID") != null && env.get("GITHUB_REPOSITORY") != null) {
            url = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.get("GITHUB_REPOSITORY")
                    + "/actions/runs/" + env.get("GITHUB_RUN_ID");
        }
        if (url == null) {
            url = env.get("CI_JOB_URL");
        }
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // not echoed: a malformed URL may still hold a password
            throw new InvalidInputException("the CI run URL (" + CI_RUN + ", $BUILD_URL, ...) is not a valid URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidInputException("the CI run URL must be http or https, got scheme '" + uri.getScheme() + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException("the CI run URL carries user information, which the record would publish:"
                    + " give it without user:password@");
        }
        return url;
    }

    static String version() {
        String v = RecordOptions.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** An environment name: what {@code --environment} accepts. */
    static String environment(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new InvalidInputException("--environment takes a name of letters, digits, '.', '_' and '-' (at most"
                    + " 63, starting with a letter or digit), e.g. staging; got '" + name + "'");
        }
        return name;
    }
}
