package org.kohsuke.stapler.interceptor;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/stapler@HEAD:core/src/main/java/org/kohsuke/stapler/interceptor/RequirePOST.java}: other verbs get
 * 405. Omitted: the meta-annotation {@code @InterceptorAnnotation(RequirePOST.Processor.class)}, the nested
 * {@code ErrorHandler} and {@code Processor}.
 */
@Retention(RUNTIME)
@Target({METHOD, FIELD})
public @interface RequirePOST {
}
