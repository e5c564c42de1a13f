package io.imagepromotion.core.approval;

/**
 * How user ids and group names compare: the plugin adapts the security realm's id strategies; the default ignores case.
 */
public interface IdentityMatching {
    boolean sameUser(String a, String b);

    boolean sameGroup(String a, String b);

    static IdentityMatching caseInsensitive() {
        return new IdentityMatching() {
            @Override
            public boolean sameUser(String a, String b) {
                return a != null && a.equalsIgnoreCase(b);
            }

            @Override
            public boolean sameGroup(String a, String b) {
                return a != null && a.equalsIgnoreCase(b);
            }
        };
    }
}
