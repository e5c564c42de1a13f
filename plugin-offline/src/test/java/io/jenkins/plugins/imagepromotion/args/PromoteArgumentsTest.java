package io.jenkins.plugins.imagepromotion.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.core.promote.PromotionRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromoteArgumentsTest {
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String SOURCE = "registry.example.com/team/myapp@" + DIGEST;

    @Test
    void singleTargetBecomesTheEngineRequest() {
        PromoteArguments args = PromoteArguments.of(SOURCE, " registry.example.com/team/myapp:staging ", null, null,
                false, true, " staging ", "alice");

        PromotionRequest request = args.toRequest();
        assertEquals(SOURCE, request.source().toString());
        assertEquals("registry.example.com/team/myapp:staging", request.targets().get(0).toString());
        assertTrue(request.dryRun());
        assertEquals("staging", args.environment());
        assertEquals("alice", args.approvedBy());
    }

    @Test
    void targetsListKeepsOrderAndNamesEachRegistryOnce() {
        PromoteArguments args = PromoteArguments.of(SOURCE, null, List.of("registry.example.com/team/myapp:staging",
                "mirror.example.com:5000/myapp:staging", "registry.example.com/other:staging"), null, false, false, null, null);

        assertEquals(3, args.toRequest().targets().size());
        assertEquals(List.of("registry.example.com", "mirror.example.com:5000"), args.targetRegistries());
    }

    @Test
    void targetAndTargetsTogetherAreRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PromoteArguments.of(SOURCE,
                "registry.example.com/team/myapp:a", List.of("registry.example.com/team/myapp:b"), null, false, false, null, null));
        assertEquals("give either target or targets, not both", e.getMessage());
    }

    @Test
    void missingOrEmptyTargetsAreRefusedWithAnExample() {
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> PromoteArguments.of(SOURCE, null, null, null, false, false, null, null));
        assertTrue(none.getMessage().startsWith("no target"), none.getMessage());
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> PromoteArguments.of(SOURCE, "  ", new ArrayList<>(), null, false, false, null, null));
        assertTrue(empty.getMessage().startsWith("targets is empty"), empty.getMessage());
        InvalidInputException blankEntry = assertThrows(InvalidInputException.class,
                () -> PromoteArguments.of(SOURCE, null, Arrays.asList("registry.example.com/a:b", " "), null, false, false, null, null));
        assertEquals("targets contains an empty entry", blankEntry.getMessage());
    }

    @Test
    void imageWithoutTagOrDigestIsRefusedInsteadOfAssumingLatest() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PromoteArguments.of(
                "registry.example.com/team/myapp", "registry.example.com/team/myapp:staging", null, null, false, false, null, null));
        assertTrue(e.getMessage().startsWith("image 'registry.example.com/team/myapp' names no tag or digest"), e.getMessage());
    }

    @Test
    void explicitLatestIsAccepted() {
        PromoteArguments args = PromoteArguments.of("registry.example.com/team/myapp:latest",
                "registry.example.com:5000/team/myapp:latest", null, null, false, false, null, null);
        assertEquals("latest", args.toRequest().source().tag());
    }

    @Test
    void malformedTargetNamesTheArgument() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PromoteArguments.of(SOURCE,
                "registry.example.com/Team/MyApp:staging", null, null, false, false, null, null));
        assertTrue(e.getMessage().startsWith("target: "), e.getMessage());
        assertTrue(e.getMessage().contains("lower case"), e.getMessage());
    }

    @Test
    void expectCurrentMustBeADigest() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PromoteArguments.of(SOURCE,
                "registry.example.com/team/myapp:prod", null, "abc", false, false, null, null));
        assertTrue(e.getMessage().startsWith("expectCurrent: "), e.getMessage());
    }

    @Test
    void expectCurrentAndExpectAbsentContradict() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PromoteArguments.of(SOURCE,
                "registry.example.com/team/myapp:prod", null, DIGEST, true, false, null, null));
        assertTrue(e.getMessage().contains("contradict"), e.getMessage());
    }

    @Test
    void recordTextMustBeOneShortLine() {
        assertThrows(InvalidInputException.class, () -> PromoteArguments.of(SOURCE, "registry.example.com/team/myapp:prod",
                null, null, false, false, "prod\nINJECTED", null));
        InvalidInputException tooLong = assertThrows(InvalidInputException.class, () -> PromoteArguments.of(SOURCE,
                "registry.example.com/team/myapp:prod", null, null, false, false, null, "x".repeat(201)));
        assertEquals("approvedBy is 201 characters long; the limit is 200", tooLong.getMessage());
        assertNull(PromoteArguments.of(SOURCE, "registry.example.com/team/myapp:prod", null, null, false, false, " ", "")
                .environment());
    }

    @Test
    void argumentsSurviveTheTripToTheAgent() throws Exception {
        PromoteArguments args = PromoteArguments.of("registry.example.com/team/myapp:1.0", null,
                List.of("registry.example.com/team/myapp:staging"), DIGEST, false, true, "staging", "bob");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(args);
        }
        PromoteArguments copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (PromoteArguments) in.readObject();
        }
        assertEquals(args.toRequest(), copy.toRequest());
        assertEquals("staging", copy.environment());
        assertFalse(copy.expectAbsent());
    }
}
