package io.imagepromotion.cli;

/** A command with a {@code --json} mode: its failures are printed as a JSON object on stdout as well. */
interface JsonOutput {
    boolean jsonOutput();
}
