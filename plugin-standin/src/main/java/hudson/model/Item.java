package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Item.java}.
 * Only the permissions the plugin checks ({@code READ} and {@code BUILD} are interface constants there too); omitted: {@code PersistenceRoot, SearchableModelObject, OnMaster} and
 * all methods. The constants are null here; only their names matter for compiling.
 */
public interface Item extends AccessControlled {
    Permission CONFIGURE = null;
    Permission EXTENDED_READ = null;
    Permission READ = null;
    Permission BUILD = null;
}
