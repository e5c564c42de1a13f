package io.jenkins.plugins.imagepromotion.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepLabelsTest {
    static final String DIGEST = "sha256:abcd1234ef56" + "0".repeat(52);

    private static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void targetInTheSourceRepositoryShowsAsItsTag() {
        assertEquals("myapp@sha256:abcd1234ef56 \u2192 staging", StepLabels.promote(args(
                "image", "registry.example.com/team/myapp@" + DIGEST, "target", "registry.example.com/team/myapp:staging")));
    }

    @Test
    void targetElsewhereShowsItsRepository() {
        assertEquals("myapp:1.0 \u2192 mirror:1.0", StepLabels.promote(args(
                "image", "registry.example.com/team/myapp:1.0", "target", "other.example.com/ops/mirror:1.0")));
    }

    @Test
    void manyTargetsAreCutAfterThree() {
        assertEquals("myapp:1 \u2192 a, b, c +2 more (dry run)", StepLabels.promote(args(
                "image", "r.example.com/myapp:1", "targets",
                List.of("r.example.com/myapp:a", "r.example.com/myapp:b", "r.example.com/myapp:c", "r.example.com/myapp:d",
                        "r.example.com/myapp:e"),
                "dryRun", true)));
    }

    @Test
    void onlyImageAndTargetsAppearNeverCredentialIdsOrRecordText() {
        String label = StepLabels.promote(args("image", "r.example.com/myapp:1", "target", "r.example.com/myapp:2",
                "credentialsId", "prod-registry-admin", "targetCredentialsId", "other-id", "approvedBy", "carol",
                "environment", "production"));
        assertEquals("myapp:1 \u2192 2", label);
        assertFalse(label.contains("prod-registry-admin"));
    }

    @Test
    void unparsableValuesAreShownShortenedAsTyped() {
        assertEquals("not a reference! \u2192 ???", StepLabels.promote(args("image", "not a reference!", "target", "???")));
        String longRaw = "X".repeat(100);
        assertEquals("X".repeat(59) + "\u2026", StepLabels.resolve(args("image", longRaw)));
    }

    @Test
    void withoutImageThereIsNoLabel() {
        assertNull(StepLabels.promote(args("target", "r.example.com/myapp:2")));
        assertNull(StepLabels.resolve(args()));
    }

    @Test
    void resolveLabelIsTheShortReference() {
        assertEquals("myapp:1.2", StepLabels.resolve(args("image", "registry.example.com/team/myapp:1.2",
                "credentialsId", "registry")));
    }

    @Test
    void publishLabelIsTheLocalImageAndTheTargetsShortLabel() {
        assertEquals("myapp:local \u2192 myapp:1f2e3d4", StepLabels.publish(args("image", "myapp:local",
                "target", "registry.example.com/team/myapp:1f2e3d4")));
    }

    @Test
    void publishLabelNeverShowsCredentialsIdOrEngine() {
        String label = StepLabels.publish(args("image", "localhost/myapp:local", "target", "r.example.com/team/app:9",
                "credentialsId", "push-registry-admin", "dockerHost", "tcp://10.0.0.7:2375"));
        assertEquals("localhost/myapp:local \u2192 app:9", label);
        assertFalse(label.contains("push-registry-admin"));
        assertFalse(label.contains("10.0.0.7"));
    }

    @Test
    void publishLabelWithoutTargetOrImage() {
        assertEquals("myapp:local \u2192 ?", StepLabels.publish(args("image", "myapp:local")));
        assertNull(StepLabels.publish(args("target", "r.example.com/app:1")));
    }
}
