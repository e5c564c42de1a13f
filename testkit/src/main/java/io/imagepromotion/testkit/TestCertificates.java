package io.imagepromotion.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away CA and a server certificate for 127.0.0.1 / localhost, made with the openssl CLI (EC P-256).
 *
 * <p>{@link #create(Path)} puts the CA certificate alone in {@code <dir>/ca-trust/ca.crt}, so its parent directory
 * ({@link #certDirectory()}) can be handed to skopeo's {@code --cert-dir}, which trusts every {@code *.crt} in it.
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    public static TestCertificates create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path trustDir = Files.createDirectories(dir.resolve("ca-trust"));
        Path caCert = trustDir.resolve("ca.crt");
        Path caKey = dir.resolve("ca.key");
        Path serverKey = dir.resolve("server.key");
        Path serverCsr = dir.resolve("server.csr");
        Path serverCert = dir.resolve("server.crt");
        Path serverExt = dir.resolve("server.ext");
        Files.writeString(serverExt, """
                basicConstraints=CA:FALSE
                keyUsage=critical,digitalSignature,keyEncipherment
                extendedKeyUsage=serverAuth
                subjectAltName=IP:127.0.0.1,DNS:localhost
                """);
        try {
            ExternalCommand.runOrThrow(List.of("openssl", "req", "-x509", "-newkey", "ec",
                    "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", caKey.toString(),
                    "-sha256", "-days", "3650", "-subj", "/CN=image-promotion testkit CA",
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                    "-out", caCert.toString()), 30);
            ExternalCommand.runOrThrow(List.of("openssl", "req", "-new", "-newkey", "ec",
                    "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", serverKey.toString(),
                    "-subj", "/CN=127.0.0.1", "-out", serverCsr.toString()), 30);
            ExternalCommand.runOrThrow(List.of("openssl", "x509", "-req", "-in", serverCsr.toString(),
                    "-CA", caCert.toString(), "-CAkey", caKey.toString(), "-CAcreateserial",
                    "-days", "825", "-sha256", "-extfile", serverExt.toString(),
                    "-out", serverCert.toString()), 30);
        } catch (CommandFailedException e) {
            throw new IOException("openssl could not create test certificates in " + dir, e);
        }
        // -CAcreateserial writes ca.srl next to the CA cert; keep the trust dir to *.crt only.
        Files.deleteIfExists(trustDir.resolve("ca.srl"));
        return new TestCertificates(caCert, serverCert, serverKey);
    }

    /** Directory for skopeo's {@code --cert-dir}/{@code --dest-cert-dir}: the directory holding the CA certificate. */
    public Path certDirectory() {
        return caCertificate.getParent();
    }

    /** The CA as a Java certificate. */
    public X509Certificate caX509() {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new TestkitException("cannot read CA certificate " + caCertificate, e);
        }
    }

    /** An SSLContext that trusts only this CA, for Java HTTP clients talking to the TLS registry. */
    public SSLContext sslContext() {
        return trusting(List.of(caX509()));
    }

    static SSLContext trusting(List<X509Certificate> anchors) {
        try {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                trustStore.setCertificateEntry("ca-" + i, anchors.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TestkitException("cannot build an SSLContext for the test CA", e);
        }
    }
}
