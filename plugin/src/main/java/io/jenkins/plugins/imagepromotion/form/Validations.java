package io.jenkins.plugins.imagepromotion.form;

import hudson.util.FormValidation;

/** Turns a {@link FieldVerdict} into a {@link FormValidation} (whose String factories HTML-escape the message). */
public final class Validations {
    private Validations() {
    }

    public static FormValidation of(FieldVerdict verdict) {
        return switch (verdict.level()) {
            case OK -> FormValidation.ok();
            case WARNING -> FormValidation.warning(verdict.message());
            case ERROR -> FormValidation.error(verdict.message());
        };
    }
}
