package io.imagepromotion.core.ref;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.ErrorKind;
import io.imagepromotion.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageReferenceTest {
    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String DIGEST = "sha256:" + HEX;

    private static InvalidReferenceException invalid(String input) {
        return assertThrows(InvalidReferenceException.class, () -> ImageReference.parse(input));
    }

    private static void assertParts(String input, String registry, String repository, String tag, String digest) {
        ImageReference ref = ImageReference.parse(input);
        assertAll(input,
                () -> assertEquals(registry, ref.registry(), "registry"),
                () -> assertEquals(repository, ref.repository(), "repository"),
                () -> assertEquals(tag, ref.tag(), "tag"),
                () -> assertEquals(digest, ref.digest() == null ? null : ref.digest().toString(), "digest"));
    }

    // ---- registries ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
            "registry.example.com/team/app:1.0,  registry.example.com,      team/app",
            "registry.example.com:5000/team/app, registry.example.com:5000, team/app",
            "192.168.1.10/app,                   192.168.1.10,              app",
            "192.168.1.10:5000/app,              192.168.1.10:5000,         app",
            "127.0.0.1:5000/a/b/c,               127.0.0.1:5000,            a/b/c",
            "localhost/app,                      localhost,                 app",
            "localhost:5000/app,                 localhost:5000,            app",
            "'[::1]:5000/team/app',              '[::1]:5000',              team/app",
            "'[::1]/app',                        '[::1]',                   app",
            "'[2001:db8::1]:443/app',            '[2001:db8::1]:443',       app",
            "my-registry.example.com/app,        my-registry.example.com,   app",
    })
    void firstComponentWithDotColonLocalhostOrBracketsIsTheRegistry(String input, String registry, String repository) {
        ImageReference ref = ImageReference.parse(input);
        assertEquals(registry, ref.registry());
        assertEquals(repository, ref.repository());
        assertEquals(registry, ref.apiHost(), "a non-Hub registry is its own API host");
    }

    @Test
    void registryHostIsLowerCased() {
        assertEquals("registry.example.com:5000", ImageReference.parse("Registry.Example.COM:5000/app").registry());
    }

    @Test
    void hostNameDropsPortAndIpv6Brackets() {
        assertEquals("registry.example.com", ImageReference.parse("registry.example.com:5000/app").hostName());
        assertEquals("::1", ImageReference.parse("[::1]:5000/app").hostName());
        assertEquals("::1", ImageReference.parse("[::1]/app").hostName());
        assertEquals("docker.io", ImageReference.parse("nginx").hostName());
    }

    // ---- Docker Hub -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
            "nginx,                                 library/nginx",
            "nginx:1.25,                            library/nginx",
            "team/app,                              team/app",
            "docker.io/nginx,                       library/nginx",
            "docker.io/library/nginx,               library/nginx",
            "index.docker.io/nginx,                 library/nginx",
            "index.docker.io/team/app,              team/app",
            "registry-1.docker.io/library/nginx,    library/nginx",
    })
    void dockerHubNamesNormalizeToDockerIoAndLibrary(String input, String repository) {
        ImageReference ref = ImageReference.parse(input);
        assertEquals(ImageReference.DOCKER_HUB, ref.registry());
        assertEquals(repository, ref.repository());
        assertEquals("registry-1.docker.io", ref.apiHost());
    }

    @Test
    void hubSpellingsAreTheSameRepository() {
        ImageReference a = ImageReference.parse("nginx");
        ImageReference b = ImageReference.parse("index.docker.io/library/nginx:latest");
        assertEquals(a, b);
        assertTrue(a.sameRepository(b));
        assertEquals("docker.io/library/nginx:latest", b.toString());
    }

    @Test
    void singleComponentOnAnotherRegistryGetsNoLibraryPrefix() {
        assertEquals("nginx", ImageReference.parse("localhost:5000/nginx").repository());
    }

    @Test
    void firstComponentWithUpperCaseIsTreatedAsRegistryLikeDocker() {
        // distribution's splitDockerDomain: a first component that is not all lower case is a domain.
        ImageReference ref = ImageReference.parse("MyHost/app");
        assertEquals("MyHost", ref.registry());
        assertEquals("app", ref.repository());
    }

    @Test
    void registryMarkedOnlyByUpperCaseKeepsItsCaseSoItPrintsAsTheSameImage() {
        // Lower-cased, "MyHost/app" would print as "myhost/app": a Docker Hub repository (found by fuzzing).
        ImageReference ref = ImageReference.parse("MyHost/app:1");
        assertEquals("MyHost/app:1", ref.toString());
        assertEquals(ref, ImageReference.parse(ref.toString()));
        assertEquals("localhost", ImageReference.parse("LocalHost/app").registry());
        assertEquals("myhost:5000", ImageReference.parse("MyHost:5000/app").registry());
    }

    // ---- tag and digest -------------------------------------------------------------------------------------------

    @Test
    void referenceWithoutTagOrDigestMeansLatest() {
        assertParts("registry.example.com/app", "registry.example.com", "app", "latest", null);
        assertParts("localhost:5000/app", "localhost:5000", "app", "latest", null);
    }

    @Test
    void tagIsParsedAfterTheLastSlashNotTheRegistryPort() {
        assertParts("localhost:5000/app:1.0", "localhost:5000", "app", "1.0", null);
        assertParts("[::1]:5000/app:v2", "[::1]:5000", "app", "v2", null);
    }

    @Test
    void digestOnlyReferenceHasNoTag() {
        assertParts("registry.example.com/app@" + DIGEST, "registry.example.com", "app", null, DIGEST);
        assertParts("[::1]:5000/app@" + DIGEST, "[::1]:5000", "app", null, DIGEST);
    }

    @Test
    void tagAndDigestAreBothKept() {
        ImageReference ref = ImageReference.parse("registry.example.com/app:1.0@" + DIGEST);
        assertEquals("1.0", ref.tag());
        assertEquals(DIGEST, ref.digest().toString());
        assertEquals("registry.example.com/app:1.0@" + DIGEST, ref.toString());
        assertEquals(DIGEST, ref.manifestReference(), "the digest wins for the manifest URL");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"a", "A", "_", "1", "v1.0", "V1_RC-2", "x.y_z-w", "latest", "a-", "a."})
    void validTagsAreAccepted(String tag) {
        assertEquals(tag, ImageReference.parse("registry.example.com/app:" + tag).tag());
    }

    @Test
    void tagOf128CharactersIsAccepted() {
        String tag = "t".repeat(128);
        assertEquals(tag, ImageReference.parse("registry.example.com/app:" + tag).tag());
    }

    @Test
    void canonicalFormRoundTrips() {
        for (String input : new String[]{"registry.example.com:5000/team/app:1.0", "localhost/a/b@" + DIGEST,
                "[::1]:5000/app:x", "docker.io/library/nginx:latest", "127.0.0.1:5000/app:1@" + DIGEST}) {
            ImageReference ref = ImageReference.parse(input);
            assertEquals(input, ref.toString());
            assertEquals(ref, ImageReference.parse(ref.toString()));
        }
    }

    // ---- path separators ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"a.b", "a_b", "a__b", "a-b", "a--b", "a---b", "a.b_c__d-e", "a0/b1/c2", "0", "team/my.app"})
    void pathComponentsMayUseSingleSeparators(String path) {
        assertEquals(path, ImageReference.parse("registry.example.com/" + path).repository());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"a___b", "a..b", "a._b", "a.-b", "_a", "a_", "-a", "a-", ".a", "a.", "a b", "a+b", "a%b"})
    void pathComponentsRejectOtherSeparatorUse(String path) {
        InvalidReferenceException e = invalid("registry.example.com/" + path);
        assertTrue(e.getMessage().contains("path component '" + path + "' may contain only"), e.getMessage());
    }

    // ---- invalid references: each message names the problem -------------------------------------------------------

    @Test
    void upperCasePathIsRejectedWithLowerCaseSuggestion() {
        InvalidReferenceException e = invalid("registry.example.com/Team/App:1.0");
        assertTrue(e.getMessage().contains("must be lower case"), e.getMessage());
        assertTrue(e.getMessage().contains("'team'"), e.getMessage());
        assertEquals("registry.example.com/Team/App:1.0", e.input());
    }

    @Test
    void upperCaseHubNameIsRejected() {
        InvalidReferenceException e = invalid("Nginx");
        assertTrue(e.getMessage().contains("must be lower case (try 'nginx')"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"v1+build", "v1!", ".hidden", "-dash", "a/b"})
    void badTagCharactersAreRejectedNamingTheTag(String tag) {
        InvalidReferenceException e = invalid("registry.example.com/app:" + tag);
        // "a/b" puts the colon before the last slash, so the path is what is wrong; the others name the tag
        if (!tag.contains("/")) {
            assertTrue(e.getMessage().contains("tag '" + tag + "'"), e.getMessage());
        }
    }

    @Test
    void tagLongerThan128CharactersIsRejected() {
        InvalidReferenceException e = invalid("registry.example.com/app:" + "t".repeat(129));
        assertTrue(e.getMessage().contains("1-128 characters"), e.getMessage());
    }

    @Test
    void emptyTagIsRejected() {
        assertTrue(invalid("registry.example.com/app:").getMessage().contains("tag ''"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"registry.example.com/team//app", "registry.example.com/team/app/", "team//app"})
    void emptyPathComponentIsRejected(String input) {
        assertTrue(invalid(input).getMessage().contains("empty component"));
    }

    @Test
    void registryWithoutRepositoryIsRejected() {
        assertTrue(invalid("registry.example.com/").getMessage().contains("repository name is missing"));
        assertTrue(invalid(":1.0").getMessage().contains("repository name is missing"));
        assertTrue(invalid("@" + DIGEST).getMessage().contains("repository name is missing"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://registry.example.com/app:1.0", "http://localhost:5000/app", "docker://nginx"})
    void schemePrefixIsRejected(String input) {
        assertTrue(invalid(input).getMessage().contains("remove the scheme"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "sha256:0123                                  | expected 64 lower-case hex characters",
            "sha256:" + HEX + "0                          | expected 64 lower-case hex characters",
            "sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef | expected 64 lower-case hex characters",
            "md5:d41d8cd98f00b204e9800998ecf8427e         | unsupported digest algorithm 'md5'",
            "sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709 | unsupported digest algorithm 'sha1'",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | expected sha256:<64 hex characters>",
    })
    void badDigestIsRejectedNamingTheProblem(String digest, String expected) {
        InvalidReferenceException e = invalid("registry.example.com/app@" + digest);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid image reference 'registry.example.com/app@"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"0", "00000", "65536", "70000", "123456", "", "http", "-1"})
    void portOutsideOneTo65535IsRejected(String port) {
        InvalidReferenceException e = invalid("registry.example.com:" + port + "/app");
        assertTrue(e.getMessage().contains("port '" + port + "' must be a number from 1 to 65535"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"1", "80", "65535"})
    void portsAtTheBoundsAreAccepted(String port) {
        assertEquals("registry.example.com:" + port, ImageReference.parse("registry.example.com:" + port + "/app").registry());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"my_registry.example.com/app", "-registry.example.com/app", "registry-.example.com/app",
            "registry..example.com/app", ".example.com/app"})
    void invalidRegistryHostIsRejected(String input) {
        assertTrue(invalid(input).getMessage().contains("is not a valid host name or IPv4 address"));
    }

    @Test
    void ipv6WithoutClosingBracketIsRejected() {
        assertTrue(invalid("[::1:5000/app").getMessage().contains("lacks a closing ']'"));
    }

    @Test
    void bracketsWithoutIpv6AddressAreRejected() {
        assertTrue(invalid("[registry]:5000/app").getMessage().contains("is not an IPv6 address"));
    }

    @Test
    void garbageAfterIpv6BracketIsRejected() {
        assertTrue(invalid("[::1]x/app").getMessage().contains("unexpected 'x' after the IPv6 address"));
    }

    @Test
    void nameOf255CharactersIsAcceptedAnd256Rejected() {
        String registry = "registry.example.com"; // 20 + '/' = 21
        String ok = registry + "/" + "a".repeat(255 - 21);
        assertEquals(255, ImageReference.parse(ok).name().length());
        InvalidReferenceException e = invalid(ok + "b");
        assertTrue(e.getMessage().contains("256 characters long; the limit is 255"), e.getMessage());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", " nginx", "nginx "})
    void blankOrPaddedInputIsRejected(String input) {
        InvalidReferenceException e = invalid(input);
        assertTrue(e.getMessage().contains("empty") || e.getMessage().contains("white space"), e.getMessage());
    }

    @Test
    void nullInputIsRejectedAsEmpty() {
        assertTrue(invalid(null).getMessage().contains("it is empty"));
    }

    @Test
    void invalidReferenceIsInvalidInputWithExitCode2() {
        InvalidReferenceException e = invalid("UPPER/Case");
        assertTrue(e instanceof InvalidInputException);
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        assertEquals(2, e.kind().exitCode());
    }

    // ---- derived values --------------------------------------------------------------------------------------------

    @Test
    void withDigestDropsTheTag() {
        ImageReference pinned = ImageReference.parse("registry.example.com/app:1.0").withDigest(Digest.parse(DIGEST));
        assertNull(pinned.tag());
        assertEquals("registry.example.com/app@" + DIGEST, pinned.toString());
    }

    @Test
    void withTagDropsTheDigest() {
        ImageReference tagged = ImageReference.parse("registry.example.com/app@" + DIGEST).withTag("prod");
        assertNull(tagged.digest());
        assertEquals("registry.example.com/app:prod", tagged.toString());
        assertEquals("prod", tagged.manifestReference());
    }

    @Test
    void sameRegistryComparesApiHostsAndSameRepositoryAlsoThePath() {
        ImageReference a = ImageReference.parse("localhost:5000/team/app:1");
        assertTrue(a.sameRegistry(ImageReference.parse("localhost:5000/other:2")));
        assertFalse(a.sameRegistry(ImageReference.parse("localhost:5001/team/app:1")));
        assertTrue(a.sameRepository(ImageReference.parse("localhost:5000/team/app@" + DIGEST)));
        assertFalse(a.sameRepository(ImageReference.parse("localhost:5000/team/app2:1")));
    }

    @Test
    void shortLabelIsLastComponentWithTagOrShortDigest() {
        assertEquals("app:1.0", ImageReference.parse("registry.example.com/team/app:1.0").shortLabel());
        assertEquals("app@sha256:0123456789ab", ImageReference.parse("registry.example.com/team/app@" + DIGEST).shortLabel());
    }

    @Test
    void referenceNeedsTagOrDigest() {
        assertThrows(IllegalArgumentException.class, () -> new ImageReference("docker.io", "library/nginx", null, null));
    }
}
