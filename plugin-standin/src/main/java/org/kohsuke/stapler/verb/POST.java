package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Compile-only stand-in for {@code jenkinsci/stapler@HEAD:core/src/main/java/org/kohsuke/stapler/verb/POST.java}.
 * Omitted: the meta-annotation {@code @InterceptorAnnotation(value = HttpVerbInterceptor.class, stage = SELECTION)}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {
}
