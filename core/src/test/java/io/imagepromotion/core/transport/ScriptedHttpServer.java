package io.imagepromotion.core.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal plain-HTTP/1.1 server on 127.0.0.1 that answers from a script, one request per connection, and records
 * what it received. A TLS ClientHello gets an immediate plain-text 400, as Go and nginx servers answer, so a client
 * that tries HTTPS first falls back at once (the JDK's HttpServer would leave the handshake hanging instead).
 */
final class ScriptedHttpServer implements AutoCloseable {
    record Request(String method, String pathAndQuery, Map<String, String> headers, byte[] body, int number) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String path() {
            int q = pathAndQuery.indexOf('?');
            return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        }
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        static Response of(int status, String body, String... headerPairs) {
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                h.put(headerPairs[i], headerPairs[i + 1]);
            }
            return new Response(status, h, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    interface Script {
        Response answer(Request request);
    }

    private final ServerSocket socket;
    private final Script script;
    private final Thread acceptor;
    private final AtomicInteger count = new AtomicInteger();
    /** TLS ClientHellos received: how often a client tried HTTPS here. */
    final AtomicInteger tlsHellos = new AtomicInteger();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    ScriptedHttpServer(Script script) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::acceptLoop, "scripted-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** "127.0.0.1:PORT". */
    String host() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> handle(s), "scripted-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            in.mark(1);
            int first = in.read();
            if (first == 0x16) { // TLS handshake record
                tlsHellos.incrementAndGet();
                out.write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            in.reset();
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            String[] parts = requestLine.split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            String h;
            while ((h = line(in)) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            Request request = new Request(parts[0], parts[1], headers, body, count.incrementAndGet());
            requests.add(request);
            Response response = script.answer(request);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + response.status() + " X\r\n");
            response.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(response.body().length).append("\r\nConnection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (!request.method().equals("HEAD")) {
                out.write(response.body());
            }
            out.flush();
        } catch (SocketException closed) {
            // the client went away
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
