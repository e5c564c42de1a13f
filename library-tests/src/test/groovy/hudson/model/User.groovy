package hudson.model

/** Test stand-in for {@code hudson.model.User}: the library only reads {@code getId()}. */
class User implements Serializable {
    private static final long serialVersionUID = 1L

    private final String id

    User(String id) {
        this.id = id
    }

    String getId() {
        return id
    }
}
