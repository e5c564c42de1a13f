package io.jenkins.plugins.imagepromotion.view;

import io.imagepromotion.core.board.Board;
import io.imagepromotion.core.board.BoardHtml;
import io.imagepromotion.core.board.Lane;
import io.imagepromotion.core.board.LaneEvent;
import io.imagepromotion.core.ledger.HistoryEntry;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One environment of a job's board, for the page's table and the REST API. */
@ExportedBean(defaultVisibility = 2)
public final class EnvironmentRow {
    private final Lane lane;
    private final String colourClass;
    private final String waitingFor;

    EnvironmentRow(Board board, Lane lane) {
        this.lane = lane;
        this.colourClass = lane.current() == null ? "" : BoardHtml.colourClass(board, lane.current());
        this.waitingFor = lane.current() == null ? null : board.placement(lane.current())
                .filter(p -> p.waiting()).map(p -> board.lanes().get(p.waitingFor()).environment()).orElse(null);
    }

    @Exported(visibility = 2)
    public String getName() {
        return lane.environment();
    }

    @Exported(visibility = 2)
    public String getTag() {
        return lane.tag().toString();
    }

    /** What the tag holds (as recorded, or as the live check read it); {@code null} when it does not exist. */
    @Exported(visibility = 2)
    public String getDigest() {
        return lane.current() == null ? null : lane.current().toString();
    }

    public String getShortDigest() {
        return lane.current() == null ? null : lane.current().shortForm();
    }

    /** {@code in-sync}, {@code drift} or {@code not-checked}. */
    @Exported(visibility = 2)
    public String getState() {
        return lane.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public String getStateLabel() {
        return lane.state().label();
    }

    /** Epoch milliseconds; {@code 0} when unknown (after a hand move). Also the table's sort key. */
    @Exported(visibility = 2)
    public long getSince() {
        return lane.since() == null ? 0 : lane.since().toEpochMilli();
    }

    public String getSinceText() {
        return lane.since() == null ? null : lane.since().toString();
    }

    @Exported(visibility = 2)
    public String getApprovedBy() {
        HistoryEntry r = lane.lastRecord();
        return r == null || r.approvals().isEmpty() ? null : String.join(", ", r.approvals().stream().map(a -> a.userId()).toList());
    }

    /** The build that recorded the lane's newest promotion. */
    @Exported(visibility = 2)
    public String getBuildUrl() {
        return lane.lastRecord() == null ? null : lane.lastRecord().ciRunUrl();
    }

    /** The environment after the last one holding this digest, when it is waiting for a promotion there. */
    @Exported
    public String getWaitingFor() {
        return waitingFor;
    }

    /** The lane's newest changes, hand moves included: larger, so only for {@code tree=} or {@code depth=}. */
    @Exported(visibility = -1)
    public List<ChangeRow> getChanges() {
        return lane.events().stream().map(ChangeRow::new).toList();
    }

    public String getColourClass() {
        return colourClass;
    }

    /** One change of a lane. */
    @ExportedBean
    public static final class ChangeRow {
        private final LaneEvent event;

        ChangeRow(LaneEvent event) {
            this.event = event;
        }

        @Exported
        public String getKind() {
            return event.kind().label();
        }

        @Exported
        public String getDigest() {
            return event.digest() == null ? null : event.digest().toString();
        }

        @Exported
        public String getPreviousDigest() {
            return event.previousDigest() == null ? null : event.previousDigest().toString();
        }

        /** Epoch milliseconds; {@code 0} for a hand move, whose time is unknown. */
        @Exported
        public long getAt() {
            return event.recordedAt() == null ? 0 : event.recordedAt().toEpochMilli();
        }

        @Exported
        public List<String> getApprovedBy() {
            return event.approvedBy();
        }
    }
}
