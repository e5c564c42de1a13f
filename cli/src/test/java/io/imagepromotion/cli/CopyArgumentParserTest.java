package io.imagepromotion.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The copy fast path against picocli: where it accepts arguments it must leave {@link CopyCommand} exactly as picocli
 * does; where picocli would print help or a usage error, it must decline. No registry: nothing here runs a copy.
 */
class CopyArgumentParserTest {
    private static final PromoteMain.Console CONSOLE = PromoteMain.Console.of(
            new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()),
            new ByteArrayInputStream(new byte[0]), Map.of());
    private static final String SRC = "registry.example.com/team/app@sha256:" + "a".repeat(64);
    private static final String DST = "registry.example.com/team/app:staging";
    private static final String DST2 = "other.example.com:5000/app:production";
    private static final String DIGEST = "sha256:" + "b".repeat(64);

    /** What picocli makes of the command line, set up as PromoteMain.runWithPicocli sets it up for a copy. */
    private static CopyCommand parsedByPicocli(String... args) {
        CopyCommand copy = new CopyCommand(CONSOLE);
        CommandLine promote = new CommandLine(new PromoteMain());
        promote.addSubcommand(CopyCommand.NAME, copy);
        promote.parseArgs(args);
        return copy;
    }

    /** Every field picocli sets (parameters, options, and those of arg groups and mixins), by name. */
    private static Map<String, Object> bound(Object command) {
        Map<String, Object> values = new TreeMap<>();
        for (Field field : command.getClass().getDeclaredFields()) {
            boolean group = field.isAnnotationPresent(ArgGroup.class) || field.isAnnotationPresent(Mixin.class);
            if (!group && !field.isAnnotationPresent(Option.class) && !field.isAnnotationPresent(Parameters.class)) {
                continue;
            }
            try {
                Object value = field.get(command);
                if (group) {
                    bound(value).forEach((name, v) -> values.put(field.getName() + "." + name, v));
                } else {
                    values.put(field.getName(), value);
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return values;
    }

    private static Optional<CopyCommand> fast(String... args) {
        return CopyArgumentParser.parse(CONSOLE, args);
    }

    private static void assertSameAsPicocli(String... args) {
        Optional<CopyCommand> fast = fast(args);
        assertTrue(fast.isPresent(), () -> "the fast path declined " + List.of(args));
        assertEquals(bound(parsedByPicocli(args)), bound(fast.get()), () -> List.of(args).toString());
    }

    static Stream<Arguments> ordinaryCommandLines() {
        return Stream.of(
                Arguments.of((Object) new String[]{"copy", SRC, DST}),
                Arguments.of((Object) new String[]{"copy", SRC, DST, DST2, "localhost:5000/app:1"}),
                Arguments.of((Object) new String[]{"copy", "--expect-current", DIGEST, "--dry-run", "--json",
                        "--src-creds", "reader:secret", "--dest-creds", "ci", "--authfile", "/tmp/auth.json",
                        "--ca-cert", "ca-one.pem", "--ca-cert", "/etc/ca two.pem",
                        "--insecure-registry", "localhost:5000", "--insecure-registry", "build.internal", SRC, DST}),
                Arguments.of((Object) new String[]{"copy", "--expect-absent", SRC, DST, DST2}),
                Arguments.of((Object) new String[]{"copy", "--lock-timeout", "30s", "--settle-delay=50ms", "--no-lock",
                        "--no-read-back", SRC, DST}),
                // --name=value; the value keeps every '=' after the first
                Arguments.of((Object) new String[]{"copy", "--expect-current=" + DIGEST, "--src-creds=user:pa=ss",
                        "--dest-creds=ci:x", "--authfile=config.json", "--ca-cert=a.pem", "--ca-cert", "b.pem",
                        "--insecure-registry=localhost:5000", SRC, DST}),
                // options between and after the positionals
                Arguments.of((Object) new String[]{"copy", SRC, "--json", DST, "--ca-cert", "a.pem", DST2, "--dry-run"}),
                Arguments.of((Object) new String[]{"copy", "--json", "--", SRC, DST}),
                Arguments.of((Object) new String[]{"copy", SRC, "--", DST, DST2}),
                // values that look like something else but are plain values to picocli
                Arguments.of((Object) new String[]{"copy", "--dest-creds", "help", "--src-creds", "a b:\"c d\"",
                        "--authfile", "dir with space/config.json", SRC, DST}),
                Arguments.of((Object) new String[]{"copy", SRC, "help"}));
    }

    @ParameterizedTest
    @MethodSource("ordinaryCommandLines")
    void ordinaryCommandLineLeavesTheCommandAsPicocliDoes(String[] args) {
        assertSameAsPicocli(args);
    }

    @Test
    void everyOptionCopyDeclaresIsReadWithoutPicocli() {
        List<String> checked = new ArrayList<>();
        for (OptionSpec option : new CommandLine(new CopyCommand(CONSOLE)).getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String name = option.longestName();
            if (option.arity().max() == 0) {
                assertSameAsPicocli("copy", name, SRC, DST);
            } else {
                assertSameAsPicocli("copy", name, "value", SRC, DST);
                assertSameAsPicocli("copy", name + "=value", SRC, DST);
            }
            checked.add(name);
        }
        assertTrue(checked.size() >= 9, checked::toString);
    }

    @Test
    void commandsOtherThanCopyAreLeftToPicocli() {
        assertFalse(fast().isPresent());
        assertFalse(fast("digest", SRC).isPresent());
        assertFalse(fast("--help").isPresent());
        assertFalse(fast("help", "copy").isPresent());
    }

    static Stream<Arguments> commandLinesForPicocli() {
        return Stream.of(
                Arguments.of(0, new String[]{"copy", "--help"}),
                Arguments.of(0, new String[]{"copy", "-h"}),
                Arguments.of(0, new String[]{"copy", SRC, DST, "--help"}),
                Arguments.of(0, new String[]{"copy", "--version"}),
                Arguments.of(0, new String[]{"copy", "-V"}),
                Arguments.of(0, new String[]{"copy", "-hV", SRC, DST}),
                Arguments.of(2, new String[]{"copy", "--frobnicate", SRC, DST}),
                Arguments.of(2, new String[]{"copy", "--expect-cur", DIGEST, SRC, DST}),
                Arguments.of(2, new String[]{"copy", "--expect-current", DIGEST, "--expect-absent", SRC, DST}),
                Arguments.of(2, new String[]{"copy", SRC}),
                Arguments.of(2, new String[]{"copy"}),
                Arguments.of(2, new String[]{"copy", SRC, DST, "--src-creds"}),
                Arguments.of(2, new String[]{"copy", "--src-creds", "--json", SRC, DST}),
                Arguments.of(2, new String[]{"copy", "--src-creds", "a:b", "--src-creds", "c:d", SRC, DST}),
                Arguments.of(2, new String[]{"copy", "--json", "--json", SRC, DST}),
                Arguments.of(2, new String[]{"copy", "--authfile", "bad\0path", SRC, DST}),
                Arguments.of(2, new String[]{"copy", "--", "-x", DST}));
    }

    @ParameterizedTest
    @MethodSource("commandLinesForPicocli")
    void helpAndUsageErrorsAreDeclinedAndKeepPicocliExitCode(int exitCode, String[] args) {
        assertFalse(fast(args).isPresent(), () -> "the fast path accepted " + List.of(args));

        CliRun run = CliRun.run(Map.of(), "", args);
        CliRun picocli = CliRun.runWithPicocli(Map.of(), "", args);

        assertEquals(exitCode, run.exitCode(), run::toString);
        assertEquals(picocli.toString(), run.toString());
    }

    @Test
    void argumentsPicocliMightReadDifferentlyAreDeclined() {
        // @file expansion, empty arguments, option-like values, flags given a value: picocli's rules, not ours
        assertFalse(fast("copy", "@args.txt").isPresent());
        assertFalse(fast("copy", "--authfile", "@auth", SRC, DST).isPresent());
        assertFalse(fast("copy", "", DST).isPresent());
        assertFalse(fast("copy", "--src-creds", "-user:pw", SRC, DST).isPresent());
        assertFalse(fast("copy", "--src-creds=", SRC, DST).isPresent());
        assertFalse(fast("copy", "--json=true", SRC, DST).isPresent());
        assertFalse(fast("copy", SRC, "--", DST, "--").isPresent());
    }
}
