package io.imagepromotion.core.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A registry's answer. {@link #body()} is set for buffered requests, {@link #stream()} for streamed ones; a
 * streamed response must be closed.
 */
public record RegistryResponse(int status, HttpHeaders headers, URI uri, byte[] body, InputStream stream)
        implements AutoCloseable {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public long contentLength() {
        return headers.firstValueAsLong("Content-Length").orElse(-1);
    }

    @Override
    public void close() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
