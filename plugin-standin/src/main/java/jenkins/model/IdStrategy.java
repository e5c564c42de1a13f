package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Comparator;

/**
 * Stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/jenkins/model/IdStrategy.java}, with the real bodies of what it keeps: the abstract
 * {@link #compare(String, String)} and {@link #equals(String, String)} ({@code compare(id1, id2) == 0}, which
 * strategies may override). Omitted: {@code extends AbstractDescribableImpl<IdStrategy> implements ExtensionPoint},
 * the {@code CASE_INSENSITIVE} constant, {@code keyFor}, {@code idFromFilename} and the descriptor.
 */
public abstract class IdStrategy implements Comparator<String> {
    public boolean equals(@NonNull String id1, @NonNull String id2) {
        return compare(id1, id2) == 0;
    }

    @Override
    public abstract int compare(@NonNull String id1, @NonNull String id2);
}
