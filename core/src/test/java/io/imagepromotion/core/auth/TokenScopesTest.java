package io.imagepromotion.core.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenScopesTest {
    private static TokenScopes scopes(String... s) {
        return TokenScopes.of(List.of(s));
    }

    @Test
    void actionsForOneResourceAreMergedIntoOneScope() {
        TokenScopes merged = scopes("repository:team/app:pull", "repository:team/app:push");
        assertEquals(List.of("repository:team/app:pull,push"), merged.asScopeParameters());
        assertEquals(scopes("repository:team/app:push,pull"), merged);
    }

    @Test
    void duplicateActionsAppearOnce() {
        assertEquals(List.of("repository:a:pull"), scopes("repository:a:pull", "repository:a:pull,pull").asScopeParameters());
    }

    @Test
    void resourcesStayApartInFirstSeenOrder() {
        assertEquals(List.of("repository:b:pull", "repository:a:pull,push"),
                scopes("repository:b:pull", "repository:a:push", "repository:a:pull").asScopeParameters());
    }

    @Test
    void resourceTypeWithColonKeepsItsActions() {
        assertEquals(List.of("registry:catalog:*"), scopes("registry:catalog:*").asScopeParameters());
    }

    @Test
    void scopeWithoutActionsSeparatorIsIgnored() {
        assertTrue(scopes("nonsense").isEmpty());
    }

    @Test
    void pullAndPushPullHelpersNameTheRepository() {
        assertEquals("repository:team/app:pull", TokenScopes.pull("team/app"));
        assertEquals("repository:team/app:pull,push", TokenScopes.pushPull("team/app"));
    }

    @Test
    void pushPullCoversPull() {
        assertTrue(scopes(TokenScopes.pushPull("a")).covers(scopes(TokenScopes.pull("a"))));
    }

    @Test
    void pullDoesNotCoverPush() {
        assertFalse(scopes(TokenScopes.pull("a")).covers(scopes(TokenScopes.pushPull("a"))));
    }

    @Test
    void otherRepositoryIsNotCovered() {
        assertFalse(scopes(TokenScopes.pushPull("a")).covers(scopes(TokenScopes.pull("b"))));
    }

    @Test
    void coverageNeedsEveryResource() {
        TokenScopes both = scopes("repository:a:pull", "repository:b:pull");
        assertTrue(both.covers(scopes("repository:b:pull")));
        assertFalse(scopes("repository:a:pull").covers(both));
    }

    @Test
    void wildcardActionCoversAnyAction() {
        assertTrue(scopes("repository:a:*").covers(scopes("repository:a:pull,push,delete")));
    }

    @Test
    void everythingCoversNoScopes() {
        assertTrue(scopes().covers(scopes()));
        assertTrue(scopes("repository:a:pull").covers(scopes()));
        assertFalse(scopes().covers(scopes("repository:a:pull")));
    }

    @Test
    void unionMergesPerResource() {
        TokenScopes union = scopes("repository:a:pull", "repository:b:pull")
                .union(scopes("repository:a:push", "repository:c:pull"));
        assertEquals(List.of("repository:a:pull,push", "repository:b:pull", "repository:c:pull"), union.asScopeParameters());
        assertTrue(union.covers(scopes("repository:a:pull,push", "repository:b:pull", "repository:c:pull")));
    }

    @Test
    void unionLeavesBothOperandsUnchanged() {
        TokenScopes a = scopes("repository:a:pull");
        TokenScopes b = scopes("repository:a:push");
        a.union(b);
        assertEquals(List.of("repository:a:pull"), a.asScopeParameters());
        assertEquals(List.of("repository:a:push"), b.asScopeParameters());
    }

    @Test
    void equalityIgnoresActionOrderButNotActions() {
        assertEquals(scopes("repository:a:push,pull"), scopes("repository:a:pull", "repository:a:push"));
        assertEquals(scopes("repository:a:push,pull").hashCode(), scopes("repository:a:pull,push").hashCode());
        assertNotEquals(scopes("repository:a:pull"), scopes("repository:a:pull,push"));
    }

    @Test
    void toStringIsTheSpaceSeparatedScopeList() {
        assertEquals("repository:a:pull repository:b:pull,push", scopes("repository:a:pull", "repository:b:push,pull").toString());
    }
}
