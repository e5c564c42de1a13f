package io.jenkins.plugins.imagepromotion.gate;

import io.imagepromotion.core.approval.IdentityMatching;
import jenkins.model.IdStrategy;

/** The security realm's user and group id strategies, as {@code input} matches its submitters with them. */
public final class RealmIdentityMatching implements IdentityMatching {
    private final IdStrategy users;
    private final IdStrategy groups;

    public RealmIdentityMatching(IdStrategy users, IdStrategy groups) {
        this.users = users;
        this.groups = groups;
    }

    /** The strategies of Jenkins' current security realm. */
    public static RealmIdentityMatching ofJenkins() {
        var realm = jenkins.model.Jenkins.get().getSecurityRealm();
        return new RealmIdentityMatching(realm.getUserIdStrategy(), realm.getGroupIdStrategy());
    }

    @Override
    public boolean sameUser(String a, String b) {
        return a != null && b != null && users.equals(a, b);
    }

    @Override
    public boolean sameGroup(String a, String b) {
        return a != null && b != null && groups.equals(a, b);
    }
}
