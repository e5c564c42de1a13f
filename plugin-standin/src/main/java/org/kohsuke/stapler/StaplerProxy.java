package org.kohsuke.stapler;

/**
 * Compile-only stand-in for {@code jenkinsci/stapler@HEAD:core/src/main/java/org/kohsuke/stapler/StaplerProxy.java}
 * (complete: one method). Returning {@code this} after a permission check guards every URL below the object.
 */
public interface StaplerProxy {
    Object getTarget();
}
