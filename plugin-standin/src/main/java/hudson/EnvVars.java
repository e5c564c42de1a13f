package hudson;

import java.util.TreeMap;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/EnvVars.java}.
 * Only the type: the plugin reads the step context's {@code EnvVars} as a {@code Map<String, String>}. The real class
 * compares keys case-insensitively and has public constructors, {@code expand},
 * {@code override} and {@code overrideAll}; none are mirrored, so nothing offline can depend on their behaviour.
 */
public class EnvVars extends TreeMap<String, String> {
    private EnvVars() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
