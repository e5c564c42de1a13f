package io.imagepromotion.cli;

import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.ImagePromotionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code promote}: exit 0 on success (also when nothing had to change), 1 on failure, 2 on invalid usage or input,
 * 3 when a precondition (expect-current, expect-absent) failed or a rollback has nothing to go back to; 4, 5, 6 are
 * the ledger's ({@link ExitCodes}). stdout carries only results; everything else goes to
 * stderr.
 */
@Command(name = "promote", mixinStandardHelpOptions = true, versionProvider = PromoteMain.Version.class,
        description = "Promote container images by digest: point target tags at exactly the source's manifest digest.")
public final class PromoteMain implements Runnable {
    /** The subcommands, in the order help lists them. */
    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> c = new java.util.LinkedHashMap<>();
        c.put(CopyCommand.NAME, CopyCommand.class);
        c.put("digest", DigestCommand.class);
        c.put("publish", PublishCommand.class);
        c.put("history", HistoryCommand.class);
        c.put("status", StatusCommand.class);
        c.put("rollback", RollbackCommand.class);
        c.put("board", BoardCommand.class);
        c.put("demo", DemoCommand.class);
        c.put("help", CommandLine.HelpCommand.class);
        return c;
    }

    /** What the commands write to and read from; in-process tests give their own. */
    public record Console(PrintStream out, PrintStream err, BufferedReader in, Map<String, String> environment) {
        public static Console system() {
            return new Console(System.out, System.err,
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.getenv());
        }

        public static Console of(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment) {
            return new Console(out, err, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), environment);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(Console.system(), args));
    }

    public static int run(Console console, String... args) {
        // An ordinary copy skips picocli's set-up, most of a short-lived copy's start-up; anything else goes to picocli.
        Optional<CopyCommand> copy = CopyArgumentParser.parse(console, args);
        if (copy.isPresent()) {
            try {
                return copy.get().call();
            } catch (RuntimeException e) {
                return failed(console, e, copy.get().json);
            }
        }
        return runWithPicocli(console, args);
    }

    /** {@code promote args} parsed by picocli, whatever they are. */
    static int runWithPicocli(Console console, String... args) {
        ConsoleFactory factory = new ConsoleFactory(console);
        CommandLine cli = new CommandLine(new PromoteMain(), factory);
        Map<String, Class<?>> commands = commands();
        // picocli builds a command's model by reflection; building only the one being run saves start-up time.
        Class<?> invoked = args.length > 0 && !args[0].equals("help") ? commands.get(args[0]) : null;
        try {
            for (Map.Entry<String, Class<?>> command : commands.entrySet()) {
                if (invoked == null || command.getValue() == invoked) {
                    cli.addSubcommand(command.getKey(), factory.create(command.getValue()));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the " + args[0] + " command", e);
        }
        cli.setOut(new PrintWriter(console.out(), true));
        cli.setErr(new PrintWriter(console.err(), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) ->
                failed(console, e, commandLine.getCommand() instanceof JsonOutput j && j.jsonOutput()));
        cli.setParameterExceptionHandler((e, args1) -> {
            console.err().println("error: " + e.getMessage());
            e.getCommandLine().usage(console.err());
            return ErrorKind.INVALID_INPUT.exitCode();
        });
        return cli.execute(args);
    }

    /**
     * Reports a command's failure on stderr (and, for {@code --json}, as a JSON object on stdout); the exit code is its
     * kind's, 1 for anything unexpected.
     */
    private static int failed(Console console, Exception e, boolean json) {
        int exit = e instanceof ImagePromotionException p ? p.kind().exitCode() : ErrorKind.FAILURE.exitCode();
        console.err().println("error: " + (e instanceof ImagePromotionException ? e.getMessage() : e.toString()));
        if (json) {
            console.out().println(ResultJson.writeError(e, exit));
        }
        return exit;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: copy, digest, publish, history, status, rollback or demo");
    }

    /** Gives every command the console it should use. */
    private record ConsoleFactory(Console console) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Console.class).newInstance(console);
            } catch (NoSuchMethodException noConsole) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PromoteMain.class.getPackage().getImplementationVersion();
            return new String[]{"promote " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
