package io.jenkins.plugins.imagepromotion.gate;

import hudson.model.User;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Asks the security realm and the authorization strategy about an approver, as {@code input} does for the one who
 * clicks: {@code User.impersonate2()} gives their authorities (groups), the Jenkins ACL whether they administer it.
 * A user the realm no longer knows has no groups and is no administrator.
 */
public final class JenkinsApprovers implements ApproverDirectory {
    @Override
    public boolean administrator(String userId) {
        Authentication a = authentication(userId);
        return a != null && Jenkins.get().hasPermission2(a, Jenkins.ADMINISTER);
    }

    @Override
    public List<String> groups(String userId) {
        Authentication a = authentication(userId);
        List<String> groups = new ArrayList<>();
        if (a != null) {
            for (GrantedAuthority authority : a.getAuthorities()) {
                if (authority.getAuthority() != null) {
                    groups.add(authority.getAuthority());
                }
            }
        }
        return groups;
    }

    private static Authentication authentication(String userId) {
        User user = User.getById(userId, false);
        if (user == null) {
            return null;
        }
        try {
            return user.impersonate2();
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }
}
