package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Item.java}.
 * Only the permissions the plugin checks; omitted: {@code PersistenceRoot, SearchableModelObject, OnMaster} and
 * all methods. The constants are null here; only their names matter for compiling.
 */
public interface Item extends AccessControlled {
    Permission CONFIGURE = null;
    Permission EXTENDED_READ = null;
}
