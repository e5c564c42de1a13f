package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/User.java}. Only {@link #getById(String, boolean)},
 * {@link #getId()} and {@link #impersonate2()} (the user's authentication with the groups the realm gives, for ACL
 * checks of someone other than the caller); omitted: every supertype and other member.
 */
public class User {
    private User() {
    }

    @Nullable
    public static User getById(String id, boolean create) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public String getId() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @NonNull
    public Authentication impersonate2() throws UsernameNotFoundException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
