package io.imagepromotion.core.transport;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.security.Provider;
import java.security.SecureRandom;

/**
 * The SSL context of the client that speaks plain HTTP only. The JDK's HttpClient insists on an SSL context and
 * default SSL parameters even when it never opens a TLS connection; the real ones load the JSSE provider, its
 * cipher suites and the trust store, ~40 ms of a fresh CLI process spent for nothing. This one refuses any use, so
 * a bug that sent an https URI to the plain client fails loudly instead of connecting unverified.
 */
final class NoTlsContext {
    private NoTlsContext() {
    }

    static SSLContext create() {
        return new SSLContext(new RefusingSpi(), new Provider("image-promotion-no-tls", "1", "plain HTTP only") {
        }, "none") {
        };
    }

    /** Parameters to hand the client builder with it, so that it does not ask JSSE for defaults. */
    static SSLParameters parameters() {
        return new SSLParameters();
    }

    private static final class RefusingSpi extends SSLContextSpi {
        private static IllegalStateException refused() {
            return new IllegalStateException("TLS requested from the plain-HTTP client");
        }

        @Override
        protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters();
        }
    }
}
