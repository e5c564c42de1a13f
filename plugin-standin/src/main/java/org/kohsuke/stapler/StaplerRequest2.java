package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import net.sf.json.JSONObject;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/stapler@HEAD:core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java}.
 * Only {@link #bindJSON(Object, JSONObject)}.
 */
public interface StaplerRequest2 extends HttpServletRequest {
    void bindJSON(Object bean, JSONObject src);
}
