package hudson;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/ExtensionPoint.java}.
 * Omitted: the nested annotation {@code LegacyInstancesAreScopedToHudson}.
 */
public interface ExtensionPoint {
}
