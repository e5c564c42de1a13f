package io.imagepromotion.core.approval;

/** STUB of the contract (gatecore owns the real one). */
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
