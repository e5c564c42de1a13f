package hudson.model;

/**
 * Compile-only stand-in for {@code jenkinsci/jenkins@jenkins-2.479.3:core/src/main/java/hudson/model/Queue.java}, only
 * for the nested {@link Task} type. Omitted: {@code extends ResourceController implements Saveable} and all members.
 */
public class Queue {
    private Queue() {
    }

    /** Mirrors {@code Queue.Task}; omitted: its super-interfaces and members. */
    public interface Task {
    }
}
