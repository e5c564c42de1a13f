package org.kohsuke.stapler;

/**
 * Compile-only stand-in for {@code jenkinsci/stapler@HEAD:core/src/main/java/org/kohsuke/stapler/HttpResponses.java}.
 * Only {@link #redirectToDot()}; omitted: every other member.
 */
public class HttpResponses {
    public static HttpResponse redirectToDot() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
