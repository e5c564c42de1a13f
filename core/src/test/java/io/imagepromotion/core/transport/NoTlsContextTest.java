package io.imagepromotion.core.transport;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertThrows;

class NoTlsContextTest {
    @Test
    void anyTlsUseOfThePlainHttpContextFailsLoudly() {
        SSLContext context = NoTlsContext.create();
        assertThrows(IllegalStateException.class, context::createSSLEngine);
        assertThrows(IllegalStateException.class, () -> context.createSSLEngine("registry.example.com", 443));
        assertThrows(IllegalStateException.class, context::getSocketFactory);
    }
}
