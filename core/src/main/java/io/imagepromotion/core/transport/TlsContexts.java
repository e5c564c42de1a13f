package io.imagepromotion.core.transport;

import io.imagepromotion.core.error.InvalidInputException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** SSL contexts: the system trust store plus extra CAs, and a non-verifying one for hosts named insecure. */
final class TlsContexts {
    private TlsContexts() {
    }

    static List<X509Certificate> parseCertificates(List<String> pems) {
        List<X509Certificate> certificates = new ArrayList<>();
        if (pems.isEmpty()) {
            return certificates; // without loading the certificate factory, which a plain-HTTP run never needs
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String pem : pems) {
                Collection<? extends java.security.cert.Certificate> parsed =
                        factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
                if (parsed.isEmpty()) {
                    throw new InvalidInputException("CA certificate PEM holds no certificate");
                }
                for (java.security.cert.Certificate c : parsed) {
                    certificates.add((X509Certificate) c);
                }
            }
        } catch (CertificateException e) {
            throw new InvalidInputException("CA certificate does not parse: " + e.getMessage(), e);
        }
        return certificates;
    }

    static SSLContext verifying(List<String> extraCaPems) {
        try {
            TrustManagerFactory systemFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            systemFactory.init((KeyStore) null);
            if (extraCaPems.isEmpty()) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, systemFactory.getTrustManagers(), null);
                return context;
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : parseCertificates(extraCaPems)) {
                store.setCertificateEntry("extra-ca-" + i++, ca);
            }
            TrustManagerFactory extraFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            extraFactory.init(store);
            X509TrustManager system = firstX509(systemFactory.getTrustManagers());
            X509TrustManager extra = firstX509(extraFactory.getTrustManagers());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new EitherTrustManager(system, extra)}, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** For hosts the user named insecure: TLS without certificate or host name checks. */
    static SSLContext nonVerifying() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            // X509ExtendedTrustManager, so the JDK does not add its own host name check around it.
            context.init(null, new TrustManager[]{new javax.net.ssl.X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509TrustManager firstX509(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager");
    }

    /** Trusts a chain that either the system store or the extra CAs accept. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                second.checkServerTrusted(chain, authType);
            } catch (CertificateException notExtra) {
                first.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}
