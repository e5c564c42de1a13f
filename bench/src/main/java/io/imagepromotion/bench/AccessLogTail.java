package io.imagepromotion.bench;

import io.imagepromotion.testkit.AccessLogEntry;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a registry's access log incrementally (the logs grow to many thousand lines over a run; re-reading them whole
 * after every promotion would cost more than the promotions). Survives truncation by a restarted registry.
 */
final class AccessLogTail {
    /** The testkit's readiness poll; not part of any promotion. */
    private static final String READINESS_AGENT = "image-promotion-testkit/readiness";

    private final Path file;
    private long offset;

    AccessLogTail(Path file) {
        this.file = file;
    }

    /** The registry was restarted: its log starts over. */
    void restarted() {
        offset = 0;
    }

    /** Complete lines written since the last call, readiness polls left out. */
    List<AccessLogEntry> readNew() {
        List<AccessLogEntry> entries = new ArrayList<>();
        try {
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                return entries;
            }
            if (size < offset) {
                offset = 0; // the registry was restarted and its log truncated
            }
            if (size == offset) {
                return entries;
            }
            byte[] bytes;
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(offset);
                bytes = new byte[(int) (size - offset)];
                in.readFully(bytes);
            }
            int end = bytes.length - 1;
            while (end >= 0 && bytes[end] != '\n') {
                end--;
            }
            if (end < 0) {
                return entries;
            }
            offset += end + 1;
            for (String line : new String(bytes, 0, end + 1, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                AccessLogEntry entry = AccessLogEntry.parse(line);
                if (!READINESS_AGENT.equals(entry.userAgent())) {
                    entries.add(entry);
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
