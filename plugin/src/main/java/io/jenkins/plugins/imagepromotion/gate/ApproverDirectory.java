package io.jenkins.plugins.imagepromotion.gate;

import java.util.List;

/** What Jenkins knows about an approver now: whether they administer Jenkins, and their groups. */
public interface ApproverDirectory {
    boolean administrator(String userId);

    List<String> groups(String userId);
}
