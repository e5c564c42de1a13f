package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.AbstractList;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/ExtensionList.java}.
 * Only {@link #lookupSingleton(Class)}; omitted: {@code implements OnMaster}, constructors and all other members.
 */
public class ExtensionList<T> extends AbstractList<T> {
    private ExtensionList() {
    }

    @NonNull
    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
