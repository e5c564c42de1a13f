package io.imagepromotion.cli;

import io.imagepromotion.core.board.Board;
import io.imagepromotion.core.board.BoardHtml;
import io.imagepromotion.core.board.BoardJson;
import io.imagepromotion.core.board.BoardReader;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;
import io.imagepromotion.core.transport.RegistryTransport;
import io.imagepromotion.core.transport.TransportSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "board", description = {
        "Show what each environment runs: one lane per TAG, in the order given, read from the promotion ledger of its"
                + " repository. A table (digest, since, approvals, CI run, state: in sync, DRIFT when the tag was moved"
                + " outside promotions, unrecorded) and a timeline of the last changes, coloured by digest.",
        "Writes one self-contained HTML page (no script, no network) to --out, or to stdout; --json prints the same"
                + " facts as JSON on stdout instead.",
        "", "Examples:",
        "  promote board --out board.html reg.example.com/app:dev \\",
        "      reg.example.com/app:staging reg.example.com/app:prod",
        "  promote board --json reg.example.com/app:staging reg.example.com/app:prod"},
        sortOptions = false)
final class BoardCommand implements Callable<Integer> {
    static final String DEFAULT_TITLE = "Promotion board";

    private final PromoteMain.Console console;

    @Parameters(arity = "1..*", paramLabel = "TAG", description = "An environment's tag, host/repository:tag; one lane each.")
    List<String> tags;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the HTML page to FILE and print its path.")
    Path out;

    @Option(names = "--json", description = "Print the board as JSON on stdout (with --out, the page is written too).")
    boolean json;

    @Option(names = "--last", paramLabel = "N", description = "Changes shown per lane, 1 to " + BoardReader.MAX_EVENTS
            + " (default: " + BoardReader.DEFAULT_EVENTS + ").")
    int last = BoardReader.DEFAULT_EVENTS;

    @Option(names = "--title", paramLabel = "TEXT", description = "The page's title (default: " + DEFAULT_TITLE + ").")
    String title = DEFAULT_TITLE;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    BoardCommand(PromoteMain.Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        List<ImageReference> lanes = tags.stream().map(ImageReference::parse).toList();
        if (out != null) {
            target(out); // refuse a bad --out before reading anything
        }
        // Reading only: --dest-creds (or the docker config) covers every lane's registry.
        Board board = read(registry.settings(console, lanes.get(0), lanes), lanes, last);
        if (out != null) {
            Path written = writeDocument(board, title, out);
            if (!json) {
                console.out().println(written);
            } else {
                console.err().println("board written to " + written);
            }
        }
        if (json) {
            console.out().println(BoardJson.write(board));
        } else if (out == null) {
            console.out().print(BoardHtml.document(board, title));
        }
        return 0;
    }

    /** Reads the board of {@code lanes} and writes it as a page to {@code file}: the one call the demo needs. */
    static Path write(TransportSettings settings, List<ImageReference> lanes, Path file) {
        return writeDocument(read(settings, lanes, BoardReader.DEFAULT_EVENTS), DEFAULT_TITLE, file);
    }

    static Board read(TransportSettings settings, List<ImageReference> lanes, int last) {
        try (RegistryTransport transport = new RegistryTransport(settings)) {
            return new BoardReader(new RegistryClient(transport)).read(lanes, last);
        }
    }

    /** Writes the page next to {@code file} and moves it into place, so a reader never sees half a page. */
    static Path writeDocument(Board board, String title, Path file) {
        Path target = target(file);
        Path dir = target.getParent();
        try {
            Path temp = Files.createTempFile(dir, ".board-", ".html.tmp");
            try {
                Files.writeString(temp, BoardHtml.document(board, title), StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot write the board to " + file + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** The absolute file to write; its directory must exist and it must not be a directory itself. */
    private static Path target(Path file) {
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("--out " + file + ": the directory " + dir + " does not exist; create it first");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException("--out " + file + " is a directory; name the HTML file to write, e.g. "
                    + target.resolve("board.html"));
        }
        return target;
    }
}
