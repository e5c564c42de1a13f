package hudson.util;

import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/util/ListBoxModel.java},
 * only as the return type of {@code doFill*Items}. Omitted: constructors other than the no-arg one, {@code add}
 * methods and {@code generateResponse}.
 */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    private static final long serialVersionUID = 1L;

    public ListBoxModel() {
    }

    /** Mirrors {@code ListBoxModel.Option}; omitted: fields and constructors. */
    public static final class Option {
        private Option() {
        }
    }
}
