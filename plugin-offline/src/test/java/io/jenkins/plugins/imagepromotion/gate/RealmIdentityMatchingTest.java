package io.jenkins.plugins.imagepromotion.gate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Users and groups are compared with the realm's own id strategies, as input matches its submitters. */
class RealmIdentityMatchingTest {
    @Test
    void aCaseSensitiveUserStrategyTellsAliceFromALICEWhileGroupsFollowTheirOwnStrategy() {
        RealmIdentityMatching matching = new RealmIdentityMatching(GateFixtures.CASE_SENSITIVE,
                GateFixtures.CASE_INSENSITIVE);

        assertFalse(matching.sameUser("alice", "ALICE"));
        assertTrue(matching.sameUser("alice", "alice"));
        assertTrue(matching.sameGroup("release-managers", "Release-Managers"));
        assertFalse(matching.sameUser(null, "alice"));
    }
}
