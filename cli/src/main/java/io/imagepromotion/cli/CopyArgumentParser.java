package io.imagepromotion.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an ordinary {@code promote copy} argument list without picocli. {@code copy} is what pipelines run most, and
 * picocli's set-up (its classes, which class-data sharing cannot archive, annotation proxies, type converters) costs
 * a short-lived copy about 85 ms.
 * <p>
 * Ordinary means: only options {@link CopyCommand} declares, each given once (the repeatable ones any number of
 * times), as {@code --name value} or {@code --name=value}; a source and at least one target; {@code --} may end the
 * options. Everything else is declined and left to picocli, so help, --version and every usage error keep picocli's
 * messages and exit codes: unknown, abbreviated or repeated options, a missing or option-like value, both
 * preconditions, {@code @file} arguments, empty arguments, a path picocli would refuse. On what it accepts, the
 * parser leaves the command exactly as picocli would (CopyArgumentParserTest compares the two).
 */
final class CopyArgumentParser {
    private static final String END_OF_OPTIONS = "--";

    private CopyArgumentParser() {
    }

    /** The copy command {@code args} (the whole command line, starting with "copy") asks for; empty to let picocli decide. */
    static Optional<CopyCommand> parse(PromoteMain.Console console, String... args) {
        if (args.length == 0 || !args[0].equals(CopyCommand.NAME)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(read(new CopyCommand(console), args));
        } catch (InvalidPathException e) {
            return Optional.empty(); // picocli reports it as a usage error
        }
    }

    /** {@code copy} with its fields set from {@code args[1..]}, or null when picocli should parse them. */
    private static CopyCommand read(CopyCommand copy, String[] args) {
        List<String> positionals = new ArrayList<>();
        Set<String> given = new HashSet<>();
        boolean optionsEnded = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!plain(arg)) {
                return null;
            }
            if (arg.equals(END_OF_OPTIONS) && !optionsEnded) {
                optionsEnded = true;
                continue;
            }
            if (!arg.startsWith("-")) {
                positionals.add(arg);
                continue;
            }
            if (optionsEnded) {
                return null; // picocli would take it as a positional; no image reference starts with '-'
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!given.add(name) && !repeatable(name)) {
                return null; // picocli refuses a single-value option given twice
            }
            String value = null;
            if (!flag(name)) {
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                }
                // picocli may read an option-like value as an option or a missing value
                if (value == null || !plain(value) || value.startsWith("-")) {
                    return null;
                }
            } else if (equals >= 0) {
                return null; // picocli's rules for --flag=value are its own
            }
            switch (name) {
                case CopyCommand.EXPECT_CURRENT -> copy.precondition.expectCurrent = value;
                case CopyCommand.EXPECT_ABSENT -> copy.precondition.expectAbsent = true;
                case CopyCommand.DRY_RUN -> copy.dryRun = true;
                case CopyCommand.JSON -> copy.json = true;
                case CopyCommand.LOCK_TIMEOUT -> copy.lockTimeout = value;
                case CopyCommand.SETTLE_DELAY -> copy.settleDelay = value;
                case CopyCommand.NO_LOCK -> copy.noLock = true;
                case CopyCommand.NO_READ_BACK -> copy.noReadBack = true;
                case CopyCommand.NO_REFERRERS -> copy.noReferrers = true;
                case CopyCommand.ENVIRONMENT -> copy.environment = value;
                case CopyCommand.NO_RECORD -> copy.noRecord = true;
                case RecordOptions.APPROVED_BY -> copy.record.approvedBy = value;
                case RecordOptions.SIGN_KEY -> copy.record.signKey = value;
                case RecordOptions.CI_RUN -> copy.record.ciRun = value;
                case RegistryOptions.SOURCE_CREDENTIALS -> copy.registry.sourceCredentials = value;
                case RegistryOptions.TARGET_CREDENTIALS -> copy.registry.targetCredentials = value;
                case RegistryOptions.AUTH_FILE -> copy.registry.authFile = Path.of(value);
                case RegistryOptions.CA_CERTIFICATE -> copy.registry.caCertificates.add(Path.of(value));
                case RegistryOptions.INSECURE_REGISTRY -> copy.registry.insecureRegistries.add(value);
                case RegistryOptions.REQUEST_TIMEOUT -> copy.registry.requestTimeout = value;
                default -> {
                    return null; // help, --version, unknown or abbreviated options
                }
            }
        }
        if (positionals.size() < 2 || (copy.precondition.expectAbsent && copy.precondition.expectCurrent != null)) {
            return null; // picocli names the missing parameter or the exclusive options
        }
        copy.source = positionals.get(0);
        copy.targets = new ArrayList<>(positionals.subList(1, positionals.size()));
        return copy;
    }

    /** Not empty and not an {@code @file} picocli would expand. */
    private static boolean plain(String arg) {
        return !arg.isEmpty() && arg.charAt(0) != '@';
    }

    private static boolean flag(String name) {
        return name.equals(CopyCommand.EXPECT_ABSENT) || name.equals(CopyCommand.DRY_RUN) || name.equals(CopyCommand.JSON)
                || name.equals(CopyCommand.NO_LOCK) || name.equals(CopyCommand.NO_READ_BACK)
                || name.equals(CopyCommand.NO_REFERRERS) || name.equals(CopyCommand.NO_RECORD);
    }

    private static boolean repeatable(String name) {
        return name.equals(RegistryOptions.CA_CERTIFICATE) || name.equals(RegistryOptions.INSECURE_REGISTRY);
    }
}
