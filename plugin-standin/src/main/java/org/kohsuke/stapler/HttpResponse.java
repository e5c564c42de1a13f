package org.kohsuke.stapler;

/**
 * Compile-only stand-in for {@code jenkinsci/stapler@HEAD:core/src/main/java/org/kohsuke/stapler/HttpResponse.java},
 * only as a supertype. Omitted: {@code generateResponse}, which the plugin never calls.
 */
public interface HttpResponse {
}
