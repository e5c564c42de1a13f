package io.imagepromotion.core.board;

/** Whether an environment's tag holds what its ledger says it should. */
public enum LaneState {
    /** The tag holds the digest its last record put there. */
    IN_SYNC("in sync"),
    /** The tag was moved (or deleted) outside promotions since its last record. */
    DRIFT("DRIFT"),
    /** The ledger has no record of this tag. */
    UNRECORDED("unrecorded"),
    /** Built from records alone (a CI server's build records): the registry was not asked what the tag holds. */
    NOT_CHECKED("not checked");

    private final String label;

    LaneState(String label) {
        this.label = label;
    }

    /** What the board shows. */
    public String label() {
        return label;
    }
}
