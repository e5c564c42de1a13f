package io.jenkins.plugins.imagepromotion.form;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;
import io.imagepromotion.publish.DockerHost;
import io.jenkins.plugins.imagepromotion.args.PublishArguments;
import io.jenkins.plugins.imagepromotion.args.ReferenceInput;
import io.jenkins.plugins.imagepromotion.args.TextInput;
import io.jenkins.plugins.imagepromotion.config.RegistrySettings;

/**
 * What the Snippet Generator and the global configuration say about a field while it is typed. The same rules as
 * when the step runs; values with {@code ${…}} are only known at run time and get a warning, not an error.
 */
public final class FieldChecks {
    private FieldChecks() {
    }

    public static FieldVerdict image(String value) {
        return reference("image", value, true);
    }

    public static FieldVerdict target(String value) {
        return reference("target", value, false);
    }

    private static FieldVerdict reference(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? FieldVerdict.error("Required, e.g. registry.example.com/myapp:1.0") : FieldVerdict.OK;
        }
        if (value.contains("${")) {
            return FieldVerdict.warning("Contains an expression; it is checked when the step runs");
        }
        try {
            ReferenceInput.parseExplicit(field, value);
            return FieldVerdict.OK;
        } catch (InvalidInputException e) {
            return FieldVerdict.error(e.getMessage());
        }
    }

    /** publishImage's {@code image}: the local image the build made. */
    public static FieldVerdict localImage(String value) {
        if (value == null || value.isBlank()) {
            return FieldVerdict.error("Required: the local image the build made, e.g. myapp:local");
        }
        if (value.contains("${")) {
            return FieldVerdict.warning("Contains an expression; it is checked when the step runs");
        }
        return verdict(() -> PublishArguments.localImage(value));
    }

    /** publishImage's {@code target}: a tag to push, never a digest. */
    public static FieldVerdict publishTarget(String value) {
        if (value == null || value.isBlank()) {
            return FieldVerdict.error("Required, e.g. registry.example.com/team/myapp:${GIT_COMMIT}");
        }
        if (value.contains("${")) {
            return FieldVerdict.warning("Contains an expression; it is checked when the step runs");
        }
        return verdict(() -> PublishArguments.target(value));
    }

    /** publishImage's {@code dockerHost}: optional; without it the agent's DOCKER_HOST or the default socket is used. */
    public static FieldVerdict dockerHost(String value) {
        if (value == null || value.isBlank()) {
            return FieldVerdict.OK;
        }
        if (value.contains("${")) {
            return FieldVerdict.warning("Contains an expression; it is checked when the step runs");
        }
        return verdict(() -> DockerHost.parse(value.strip(), PublishArguments.DOCKER_HOST_ARGUMENT));
    }

    private static FieldVerdict verdict(Runnable check) {
        try {
            check.run();
            return FieldVerdict.OK;
        } catch (InvalidInputException e) {
            return FieldVerdict.error(e.getMessage());
        }
    }

    public static FieldVerdict expectCurrent(String value) {
        if (value == null || value.isBlank()) {
            return FieldVerdict.OK;
        }
        try {
            Digest.parse(value.strip());
            return FieldVerdict.OK;
        } catch (InvalidInputException e) {
            return FieldVerdict.error(e.getMessage());
        }
    }

    public static FieldVerdict oneLine(String field, String value) {
        try {
            TextInput.optionalLine(field, value);
            return FieldVerdict.OK;
        } catch (InvalidInputException e) {
            return FieldVerdict.error(e.getMessage());
        }
    }

    public static FieldVerdict registryHost(String value) {
        try {
            RegistrySettings.normalizeHost(value);
            return FieldVerdict.OK;
        } catch (InvalidInputException e) {
            return FieldVerdict.error(e.getMessage());
        }
    }

    public static FieldVerdict caCertificate(String value) {
        if (value == null || value.isBlank()) {
            return FieldVerdict.OK;
        }
        try {
            RegistrySettings.of("probe.invalid", null, value, false, null);
            return FieldVerdict.OK;
        } catch (InvalidInputException e) {
            return FieldVerdict.error(e.getMessage().replace("CA certificate for probe.invalid: ", ""));
        }
    }
}
