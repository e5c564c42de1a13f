package io.jenkins.plugins.imagepromotion.form;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import jenkins.model.Jenkins;

/**
 * The permission test of the Credentials plugin's consumer guide for {@code doFill*} and {@code doCheck*}: without
 * it, form endpoints would list credential ids to anyone with Overall/Read.
 */
public final class FormPermissions {
    private FormPermissions() {
    }

    /** @param item the job the form belongs to, or {@code null} on global pages */
    public static boolean mayInspect(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }
}
