package io.jenkins.plugins.imagepromotion.form;

import hudson.model.Item;
import hudson.util.FormValidation;
import java.util.function.Supplier;

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

    /**
     * The check's verdict for a user who {@link FormPermissions#mayInspect may inspect} the form; for anyone else OK,
     * without running the check, so a form endpoint reveals nothing.
     *
     * @param item the job the form belongs to, or {@code null} on global pages
     */
    public static FormValidation ifPermitted(Item item, Supplier<FieldVerdict> check) {
        return FormPermissions.mayInspect(item) ? of(check.get()) : FormValidation.ok();
    }
}
