package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/lib-symbol-annotation@HEAD:src/main/java/org/jenkinsci/Symbol.java}.
 * Omitted: the SezPoz meta-annotation {@code @Indexed}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
