package io.imagepromotion.core.ref;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.fuzz.NearValidInputs;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@link ImageReference#parse} on mutated references: a reference or an {@link InvalidReferenceException}, nothing else. */
class ImageReferenceFuzzTest {
    private static final String DIGEST = "sha256:" + "ab12".repeat(16);

    @Provide
    Arbitrary<String> references() {
        return NearValidInputs.around(List.of(
                "nginx", "nginx:1.25", "library/nginx:latest", "docker.io/team/app:v1",
                "registry.example.com/team/app:1.0", "registry.example.com:5000/a/b/c:tag_1.2-rc",
                "localhost/app", "localhost:5000/app@" + DIGEST, "127.0.0.1:15000/dev/app:1@" + DIGEST,
                "[::1]:5000/app:1", "[fe80::1%25eth0]/app", "ghcr.io/org/my__app-x.y:" + "t".repeat(128),
                "quay.io/org/app@sha512:" + "0f".repeat(64), "Example.COM/app:1", "a.b.c.d.e/x/y/z/w:9"));
    }

    @Property
    void parsingGivesAReferenceOrATypedError(@ForAll("references") String input) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(input);
        } catch (InvalidInputException typed) {
            assertFalse(typed.getMessage() == null || typed.getMessage().isBlank(), "an error without a message");
            return;
        }
        // What parsed must print to a reference that parses to the same thing, and the derived forms must not fail.
        assertEquals(ref, ImageReference.parse(ref.toString()), input);
        ref.apiHost();
        ref.hostName();
        ref.shortLabel();
        ref.manifestReference();
    }
}
