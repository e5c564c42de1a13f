package org.jenkinsci.remoting;

import java.io.Serializable;

/**
 * Compile-only stand-in for
 * {@code jenkinsci/remoting@3261.v9c670a_4748a_9:src/main/java/org/jenkinsci/remoting/SerializableOnlyOverRemoting.java}.
 * Omitted: the default {@code getChannelForSerialization()}.
 */
public interface SerializableOnlyOverRemoting extends Serializable {
}
