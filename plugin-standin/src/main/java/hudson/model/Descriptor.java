package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Descriptor.java}.
 * Members the plugin uses: {@link #clazz}, both constructors, {@link #getDisplayName()}, {@link #load()},
 * {@link #save()}, {@link #configure(StaplerRequest2, JSONObject)} and {@link FormException}. Omitted:
 * {@code implements Loadable, Saveable, OnMaster} and all other members.
 */
public abstract class Descriptor<T extends Describable<T>> {
    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
    }

    protected Descriptor() {
        this.clazz = null;
    }

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    /** Mirrors {@code Descriptor.FormException}; only the (message, formField) constructor. */
    public static final class FormException extends Exception implements HttpResponse {
        private static final long serialVersionUID = 1L;

        public FormException(String message, String formField) {
            super(message);
        }
    }
}
