package io.imagepromotion.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * skopeo 1.9.3 as an independent client of a test registry.
 *
 * <p>Every call runs {@code skopeo} with {@code --insecure-policy} and {@code REGISTRY_AUTH_FILE} pointing to a file
 * that does not exist, so the machine's policy.json and stored logins cannot influence a test. Pitfall that remains:
 * as root, skopeo keeps its blob-info cache in the machine-wide {@code /var/lib/containers/cache}; whether it mounts
 * blobs across repositories therefore depends on earlier runs, so do not assert skopeo's request counts.
 *
 * <p>{@link #push} uses {@code skopeo copy --all --preserve-digests oci:<layout>:<tag> docker://<ref>} for OCI images.
 * skopeo 1.9.3 cannot read Docker media types from an OCI layout, so Docker schema 2 manifests and manifest lists are
 * pushed with {@link LayoutUploader} (raw distribution API, exact bytes). Either way the result is then checked with
 * {@code skopeo inspect --raw}.
 */
public final class Skopeo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 300;

    private final boolean tlsVerify;
    private final Path certDir;
    private final String credentials;

    /**
     * @param tlsVerify   false for plain-HTTP registries (or to skip certificate checks)
     * @param certDir     directory of trusted CA certificates ({@code *.crt}), or null
     * @param credentials "user:password", or null for anonymous access
     */
    public Skopeo(boolean tlsVerify, Path certDir, String credentials) {
        if (credentials != null && credentials.indexOf(':') <= 0) {
            throw new IllegalArgumentException("credentials must be user:password");
        }
        this.tlsVerify = tlsVerify;
        this.certDir = certDir;
        this.credentials = credentials;
    }

    /**
     * Flags for {@code registry}: {@code --tls-verify=false} for plain HTTP, {@code --cert-dir} with its CA for TLS.
     * Credentials default to the registry's only user when it has exactly one (htpasswd or token server user);
     * otherwise call {@link #withCredentials}.
     */
    public static Skopeo forRegistry(RegistryServer registry) {
        Map<String, String> users = registry.htpasswdUsers();
        String credentials = null;
        if (users.size() == 1) {
            Map.Entry<String, String> only = users.entrySet().iterator().next();
            credentials = only.getKey() + ":" + only.getValue();
        } else if (registry.tokenServer().isPresent() && registry.tokenServer().get().users().size() == 1) {
            Map.Entry<String, TokenServer.TokenUser> only = registry.tokenServer().get().users().entrySet().iterator().next();
            credentials = only.getKey() + ":" + only.getValue().password();
        }
        return registry.tls()
                .map(tls -> new Skopeo(true, tls.certDirectory(), null))
                .orElseGet(() -> new Skopeo(false, null, null))
                .withCredentialsString(credentials);
    }

    public Skopeo withCredentials(String user, String password) {
        return withCredentialsString(user + ":" + password);
    }

    public Skopeo withoutCredentials() {
        return withCredentialsString(null);
    }

    private Skopeo withCredentialsString(String newCredentials) {
        return new Skopeo(tlsVerify, certDir, newCredentials);
    }

    /**
     * Pushes {@code image} (all platforms) to {@code dockerRef} ("host:port/repo:tag") and checks that the registry
     * then serves the manifest with the image's digest.
     *
     * @throws CommandFailedException     if skopeo fails (e.g. wrong credentials)
     * @throws RegistryResponseException  if the raw upload of a Docker media type image is refused
     * @throws DigestMismatchException    if the stored digest differs from {@code image.digest()}
     */
    public void push(TestImage image, String dockerRef) {
        if (image.isDockerMediaType()) {
            Reference ref = Reference.parse(dockerRef);
            String[] userAndPassword = credentials == null ? new String[] {null, null} : credentials.split(":", 2);
            new LayoutUploader(rawUploadBase(ref.host()), rawUploadTrust(), userAndPassword[0], userAndPassword[1])
                    .push(image, ref.repository(), ref.reference());
        } else {
            if (image.layout().toString().contains(":")) {
                throw new IllegalArgumentException("skopeo cannot address a layout path containing ':': " + image.layout());
            }
            List<String> command = base("copy");
            command.addAll(List.of("--all", "--preserve-digests", "--quiet"));
            command.addAll(flags("dest-"));
            command.add("oci:" + image.layout() + ":" + image.tag());
            command.add("docker://" + dockerRef);
            run(command);
        }
        String stored = digest(dockerRef);
        if (!stored.equals(image.digest())) {
            throw new DigestMismatchException(dockerRef, image.digest(), stored);
        }
    }

    /** "sha256:&lt;hex&gt;" of the bytes {@code skopeo inspect --raw} returns, computed here. */
    public String digest(String dockerRef) {
        return Sha256.digestOf(rawManifest(dockerRef));
    }

    /** The manifest bytes exactly as the registry serves them ({@code skopeo inspect --raw}). */
    public byte[] rawManifest(String dockerRef) {
        List<String> command = base("inspect");
        command.add("--raw");
        command.addAll(flags(""));
        command.add("docker://" + dockerRef);
        return run(command);
    }

    /** Tags of a repository ("host:port/repo"), via {@code skopeo list-tags}. */
    public List<String> listTags(String repositoryRef) {
        List<String> command = base("list-tags");
        command.addAll(flags(""));
        command.add("docker://" + repositoryRef);
        try {
            List<String> tags = new ArrayList<>();
            JSON.readTree(run(command)).path("Tags").forEach(tag -> tags.add(tag.asText()));
            return tags;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code skopeo copy --all --preserve-digests} between two references reachable with this instance's flags. */
    public void copy(String sourceRef, String destinationRef) {
        copy(sourceRef, this, destinationRef);
    }

    /** Like {@link #copy(String, String)}, with {@code destination}'s flags for the destination side. */
    public void copy(String sourceRef, Skopeo destination, String destinationRef) {
        List<String> command = base("copy");
        command.addAll(List.of("--all", "--preserve-digests", "--quiet"));
        command.addAll(flags("src-"));
        command.addAll(destination.flags("dest-"));
        command.add("docker://" + sourceRef);
        command.add("docker://" + destinationRef);
        run(command);
    }

    private static List<String> base(String subcommand) {
        List<String> command = new ArrayList<>();
        command.add("skopeo");
        command.add("--insecure-policy");
        command.add(subcommand);
        return command;
    }

    private List<String> flags(String side) {
        List<String> flags = new ArrayList<>();
        if (!tlsVerify) {
            flags.add("--" + side + "tls-verify=false");
        }
        if (certDir != null) {
            flags.add("--" + side + "cert-dir=" + certDir);
        }
        if (credentials != null) {
            flags.add("--" + side + "creds=" + credentials);
        }
        return flags;
    }

    private static byte[] run(List<String> command) {
        Path isolation;
        try {
            isolation = Files.createTempDirectory("testkit-skopeo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return ExternalCommand.runOrThrow(command,
                    Map.of("REGISTRY_AUTH_FILE", isolation.resolve("no-auth.json").toString()), TIMEOUT_SECONDS);
        } finally {
            try {
                Files.deleteIfExists(isolation);
            } catch (IOException ignored) {
                // an empty leftover temp dir is harmless
            }
        }
    }

    /** https when verifying TLS; otherwise whatever the registry speaks (skopeo also tries https first). */
    private URI rawUploadBase(String host) {
        if (tlsVerify) {
            return URI.create("https://" + host);
        }
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(toAddress(host), 2000);
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) TrustAll.CONTEXT.getSocketFactory()
                    .createSocket(socket, hostName(host), port(host), false);
            tls.setSoTimeout(2000);
            tls.startHandshake();
            return URI.create("https://" + host);
        } catch (IOException e) {
            return URI.create("http://" + host);
        }
    }

    private SSLContext rawUploadTrust() {
        if (!tlsVerify) {
            return TrustAll.CONTEXT;
        }
        if (certDir == null) {
            return null;
        }
        try (Stream<Path> files = Files.list(certDir)) {
            List<X509Certificate> anchors = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Path crt : files.filter(p -> p.toString().endsWith(".crt")).toList()) {
                try (var in = Files.newInputStream(crt)) {
                    anchors.add((X509Certificate) factory.generateCertificate(in));
                }
            }
            return TestCertificates.trusting(anchors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new TestkitException("cannot read CA certificates in " + certDir, e);
        }
    }

    private static java.net.InetSocketAddress toAddress(String host) {
        return new java.net.InetSocketAddress(hostName(host), port(host));
    }

    private static String hostName(String host) {
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static int port(String host) {
        int colon = host.lastIndexOf(':');
        return colon < 0 ? 443 : Integer.parseInt(host.substring(colon + 1));
    }

    /** "host:port/repo/sub:tag" or "host:port/repo@sha256:..." split into its parts. */
    record Reference(String host, String repository, String reference) {
        static Reference parse(String dockerRef) {
            int slash = dockerRef.indexOf('/');
            if (slash <= 0) {
                throw new IllegalArgumentException("reference must be host:port/repository:tag, got " + dockerRef);
            }
            String host = dockerRef.substring(0, slash);
            String rest = dockerRef.substring(slash + 1);
            int at = rest.indexOf('@');
            if (at > 0) {
                return new Reference(host, rest.substring(0, at), rest.substring(at + 1));
            }
            int colon = rest.lastIndexOf(':');
            if (colon <= 0 || rest.indexOf('/', colon) >= 0) {
                throw new IllegalArgumentException("reference needs a tag or digest: " + dockerRef);
            }
            return new Reference(host, rest.substring(0, colon), rest.substring(colon + 1));
        }
    }

    /** Accepts any server certificate: only for {@code tlsVerify=false}, mirroring skopeo's flag. */
    private static final class TrustAll extends javax.net.ssl.X509ExtendedTrustManager {
        static final SSLContext CONTEXT = create();

        private static SSLContext create() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new javax.net.ssl.TrustManager[] {new TrustAll()}, null);
                return context;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
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
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
