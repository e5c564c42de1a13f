package io.jenkins.plugins.imagepromotion.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the secrets of the credentials one step uses with {@code ****} in every line the step writes and in every
 * failure it reports, wherever the text came from: the engine's messages, a registry's error body that echoes the
 * request's {@code Authorization} header, or a URL with user info. The engine is built never to print secrets; this
 * is the second line, for text that the plugin does not write itself. Built where the secrets are (the agent), from
 * the secrets the step already carries, and never serialised.
 */
public final class SecretMask {
    /** What a masked secret becomes, as credentials-binding writes it. */
    public static final String MASK = "****";
    private static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> secrets;
    private final Pattern pattern;

    private SecretMask(Collection<String> secrets) {
        List<String> longestFirst = new ArrayList<>(new LinkedHashSet<>(secrets));
        // Longest first, so that a secret containing another one is masked whole.
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(longestFirst);
        this.pattern = longestFirst.isEmpty() ? null
                : Pattern.compile(String.join("|", longestFirst.stream().map(Pattern::quote).toList()));
    }

    /** Masks nothing: a step with anonymous access only. */
    public static SecretMask none() {
        return NONE;
    }

    /** Masks exactly {@code secrets}; blank entries are ignored. */
    public static SecretMask of(Collection<String> secrets) {
        List<String> kept = secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
        return kept.isEmpty() ? NONE : new SecretMask(kept);
    }

    /** This mask and {@code other}'s secrets together. */
    public SecretMask and(SecretMask other) {
        List<String> both = new ArrayList<>(secrets);
        both.addAll(other.secrets);
        return of(both);
    }

    /**
     * The forms a password or token takes on the wire, each to be masked: itself, URL-encoded (a token request's form
     * body) and, with {@code username}, the Base64 of {@code username:secret} in a Basic {@code Authorization} header.
     * Base64 without padding, so that the padded form and any longer text containing it are caught too.
     *
     * @param username the user the secret is sent with, or {@code null} for a bare (bearer) token
     */
    public static List<String> wireForms(String username, String secret) {
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        if (username != null) {
            forms.add(Base64.getEncoder().withoutPadding()
                    .encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return forms;
    }

    /** How many distinct secret forms this mask hides; for tests and the log's "masking" note. */
    public int size() {
        return secrets.size();
    }

    /** {@code text} with every secret replaced by {@link #MASK}; {@code null} stays {@code null}. */
    public String apply(String text) {
        if (text == null || pattern == null) {
            return text;
        }
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }

    /** Whether {@code text} holds a secret of this mask. */
    public boolean reveals(String text) {
        return text != null && pattern != null && pattern.matcher(text).find();
    }

    /** Whether the message or text of {@code failure}, a cause or a suppressed exception holds a secret. */
    public boolean reveals(Throwable failure) {
        return reveals(failure, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private boolean reveals(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (reveals(failure.toString()) || reveals(failure.getMessage())) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (reveals(suppressed, seen)) {
                return true;
            }
        }
        return reveals(failure.getCause(), seen);
    }

    /**
     * {@code failure} itself when it shows no secret; otherwise a {@link MaskedFailure} in its place, with the same
     * class name (in the message), masked message, stack trace, and masked causes and suppressed exceptions, so the
     * stack trace Pipeline prints for an unexpected failure still says where it happened.
     */
    public Throwable clean(Throwable failure) {
        return reveals(failure) ? masked(failure, new IdentityHashMap<>()) : failure;
    }

    private MaskedFailure masked(Throwable failure, Map<Throwable, MaskedFailure> done) {
        MaskedFailure existing = done.get(failure);
        if (existing != null) {
            return existing;
        }
        MaskedFailure copy = new MaskedFailure(apply(failure.toString()));
        done.put(failure, copy);
        copy.setStackTrace(failure.getStackTrace());
        if (failure.getCause() != null && failure.getCause() != failure) {
            copy.initCause(masked(failure.getCause(), done));
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            copy.addSuppressed(masked(suppressed, done));
        }
        return copy;
    }

    /**
     * A stream that writes what is printed to it into {@code log}, line by line, masked. A line is held until its end
     * (a secret split over two writes is still masked) and the rest goes out with {@link PrintStream#close()}, which
     * does not close {@code log}. UTF-8, as Jenkins build logs are.
     */
    public PrintStream stream(PrintStream log) {
        return new PrintStream(new MaskingOutputStream(log), true, StandardCharsets.UTF_8);
    }

    /** A failure whose text held a secret, in the place of the original (see {@link #clean}). */
    public static final class MaskedFailure extends IOException {
        private static final long serialVersionUID = 1L;

        MaskedFailure(String maskedText) {
            super(maskedText);
        }

        /** The original's class and masked message, so a printed stack trace reads as the original's would. */
        @Override
        public String toString() {
            return getMessage();
        }
    }

    private final class MaskingOutputStream extends OutputStream {
        private final PrintStream log;
        private byte[] line = new byte[256];
        private int length;

        MaskingOutputStream(PrintStream log) {
            this.log = log;
        }

        @Override
        public synchronized void write(int b) {
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = (byte) b;
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        private void emit() {
            if (length == 0) {
                return;
            }
            byte[] masked = apply(new String(line, 0, length, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            length = 0;
            log.write(masked, 0, masked.length);
            log.flush();
        }

        @Override
        public synchronized void flush() {
            // A partial line waits for its end: flushing it now could split a secret.
            log.flush();
        }

        @Override
        public synchronized void close() {
            emit();
        }
    }
}
