package io.imagepromotion.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A TCP proxy in front of a real registry that forwards HTTP/1.1 byte for byte and can hold the client's requests at a
 * chosen point, so that a test kills {@code bin/promote} exactly there: at the head of a chosen request (which then
 * never reaches the registry), or inside the blob uploads once a number of their body bytes went through. Nothing is
 * rewritten; the registry sees the proxy's Host header and so names the proxy in its Location answers.
 *
 * <p>Only Content-Length bodies are understood (all the CLI sends); anything else is recorded in {@link #problems}.
 */
final class HoldingProxy implements AutoCloseable {
    /** Requests with this method whose path matches are held once {@code passing} of them went through. */
    record HeadRule(String method, Predicate<String> path, int passing) {
    }

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Object monitor = new Object();
    /** Every request head seen, "METHOD path?query", in arrival order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    // guarded by monitor
    private HeadRule rule;
    private int ruleMatches;
    private long uploadLimit = Long.MAX_VALUE;
    private long uploaded;
    private int generation;
    private CompletableFuture<String> held = new CompletableFuture<>();

    HoldingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "holding-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** "127.0.0.1:PORT", the registry part of image references through this proxy. */
    String host() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Holds the requests {@code rule} matches after its first {@code passing}; completes {@link #held()} then. */
    void hold(HeadRule headRule) {
        synchronized (monitor) {
            rule = headRule;
            ruleMatches = 0;
        }
    }

    /**
     * Once blob uploads (PUT or PATCH bodies to {@code /blobs/uploads/}) have sent {@code bytes} in all, holds every
     * upload where it is, mid-body, and every later request.
     */
    void holdUploadsAfter(long bytes) {
        synchronized (monitor) {
            uploadLimit = bytes;
        }
    }

    /** Completes with what was held first ("PUT /v2/...", or "uploads after N bytes"). */
    CompletableFuture<String> held() {
        synchronized (monitor) {
            return held;
        }
    }

    /** Blob upload body bytes forwarded so far. */
    long uploaded() {
        synchronized (monitor) {
            return uploaded;
        }
    }

    /** Lets everything held go on and holds nothing more; connections stay open. */
    void release() {
        synchronized (monitor) {
            rule = null;
            uploadLimit = Long.MAX_VALUE;
            generation++;
            held = new CompletableFuture<>();
            monitor.notifyAll();
        }
    }

    /** Closes every connection open now, on both sides (what is held goes nowhere). */
    void dropConnections() {
        for (Connection c : List.copyOf(connections)) {
            c.close();
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropConnections();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Socket upstream;
            try {
                upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            } catch (IOException e) {
                // The registry behind is gone: the client sees its connection closed, as with a dead registry.
                closeQuietly(client);
                continue;
            }
            Connection c = new Connection(client, upstream);
            connections.add(c);
            start(c::forwardRequests, "holding-proxy-requests");
            start(c::forwardResponses, "holding-proxy-responses");
        }
    }

    private static void start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** Blocks while a request head must be held. */
    private void beforeHead(Connection c, String method, String path) throws InterruptedException {
        synchronized (monitor) {
            String what = null;
            if (uploaded >= uploadLimit) {
                what = "uploads after " + uploaded + " bytes";
            } else if (rule != null && rule.method().equals(method) && rule.path().test(path) && ++ruleMatches > rule.passing()) {
                what = method + " " + path;
            }
            if (what != null) {
                held.complete(what);
                awaitRelease(c);
            }
        }
    }

    /** How many of {@code wanted} upload bytes may go now (at least 1), blocking at the limit; reserved until {@link #uploadedBytes}. */
    private int reserveUpload(Connection c, int wanted) throws InterruptedException {
        synchronized (monitor) {
            while (uploaded >= uploadLimit && !c.closed) {
                held.complete("uploads after " + uploaded + " bytes");
                awaitRelease(c);
            }
            if (c.closed) {
                return 0;
            }
            long room = uploadLimit - uploaded;
            int granted = (int) Math.min(wanted, room);
            uploaded += granted;
            return granted;
        }
    }

    private void uploadedBytes(int reserved, int sent) {
        synchronized (monitor) {
            uploaded -= reserved - Math.max(sent, 0);
            if (uploaded >= uploadLimit) {
                held.complete("uploads after " + uploaded + " bytes");
            }
        }
    }

    private void awaitRelease(Connection c) throws InterruptedException {
        int g = generation;
        while (generation == g && !c.closed) {
            monitor.wait(100);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private final class Connection {
        final Socket client;
        final Socket upstream;
        volatile boolean closed;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void close() {
            closed = true;
            closeQuietly(client);
            closeQuietly(upstream);
            connections.remove(this);
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }

        void forwardResponses() {
            try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away
            } finally {
                close();
            }
        }

        void forwardRequests() {
            try {
                InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
                OutputStream out = upstream.getOutputStream();
                while (!closed) {
                    byte[] head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    String text = new String(head, StandardCharsets.ISO_8859_1);
                    String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
                    String method = requestLine[0];
                    String path = requestLine.length > 1 ? requestLine[1] : "";
                    long length = 0;
                    for (String line : text.split("\r\n")) {
                        String lower = line.toLowerCase(Locale.ROOT);
                        if (lower.startsWith("content-length:")) {
                            length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        } else if (lower.startsWith("transfer-encoding:") || lower.startsWith("expect:")) {
                            problems.add("unsupported header in " + method + " " + path + ": " + line);
                        }
                    }
                    requests.add(method + " " + path);
                    beforeHead(this, method, path);
                    if (closed) {
                        return;
                    }
                    out.write(head);
                    out.flush();
                    boolean upload = (method.equals("PUT") || method.equals("PATCH")) && path.contains("/blobs/uploads/");
                    forwardBody(in, out, length, upload);
                }
            } catch (IOException | RuntimeException ignored) {
                // one side went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        private void forwardBody(InputStream in, OutputStream out, long length, boolean upload)
                throws IOException, InterruptedException {
            byte[] buffer = new byte[64 * 1024];
            long remaining = length;
            while (remaining > 0 && !closed) {
                int wanted = (int) Math.min(buffer.length, remaining);
                int allowed = upload ? reserveUpload(this, wanted) : wanted;
                if (closed) {
                    return;
                }
                int n = in.read(buffer, 0, allowed);
                if (n > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                if (upload) {
                    uploadedBytes(allowed, n);
                }
                if (n < 0) {
                    return;
                }
                remaining -= n;
            }
        }

        /** Bytes up to and including the blank line; null at a clean end of the connection. */
        private byte[] readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream(512);
            int matched = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    return head.toByteArray();
                }
                if (head.size() > 64 * 1024) {
                    problems.add("request head over 64 KiB");
                    return null;
                }
            }
        }
    }
}
