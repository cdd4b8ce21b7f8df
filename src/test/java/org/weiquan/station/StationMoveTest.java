package org.weiquan.station;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 18: a station moves under another parent with its subtree; the tree's rules still hold. */
class StationMoveTest {

    private static long ids = 1;

    private static Station placed(Station s) throws Exception {
        Field id = Station.class.getDeclaredField("id");
        id.setAccessible(true);
        id.set(s, ids++);
        s.placeInTree();
        return s;
    }

    @Test
    void aMovedStationAndTheStationsBelowItLieUnderTheNewParent() throws Exception {
        Station county = placed(Station.county("X", "县"));
        Station east = placed(county.openChild("X-1", "东街道", StationLevel.SUBDISTRICT));
        Station west = placed(county.openChild("X-2", "西街道", StationLevel.SUBDISTRICT));
        Station village = placed(east.openChild("X-101", "村", StationLevel.VILLAGE));
        assertThat(east.contains(village)).isTrue();

        String before = village.moveUnder(west);

        assertThat(before).isEqualTo(east.path() + village.id() + "/");
        assertThat(west.contains(village)).isTrue();
        assertThat(east.contains(village)).isFalse();
        assertThat(village.parent()).isSameAs(west);
    }

    @Test
    void theStationsBelowAMovedStationAreRebasedOntoItsNewPath() throws Exception {
        Station county = placed(Station.county("Y", "县"));
        Station centre = placed(county.openChild("Y-1", "街道", StationLevel.SUBDISTRICT));
        Station room = placed(centre.openChild("Y-101", "村", StationLevel.VILLAGE));
        String old = centre.path();
        room.rebase(old, "/9/" + centre.id() + "/");
        assertThat(room.path()).isEqualTo("/9/" + centre.id() + "/" + room.id() + "/");
        assertThatThrownBy(() -> county.rebase("/9/", "/8/")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStationCannotMoveUnderItselfBelowItselfOrUnderAParentOfTheWrongLevel() throws Exception {
        Station county = placed(Station.county("Z", "县"));
        Station centre = placed(county.openChild("Z-1", "街道", StationLevel.SUBDISTRICT));
        Station other = placed(county.openChild("Z-2", "街道二", StationLevel.SUBDISTRICT));
        Station room = placed(centre.openChild("Z-101", "村", StationLevel.VILLAGE));
        assertThatThrownBy(() -> centre.moveUnder(room)).hasMessageContaining("below it");
        assertThatThrownBy(() -> centre.moveUnder(centre)).hasMessageContaining("itself");
        assertThatThrownBy(() -> centre.moveUnder(other)).hasMessageContaining("cannot sit under");
        assertThatThrownBy(() -> room.moveUnder(county)).hasMessageContaining("cannot sit under");
        assertThat(room.parent()).isSameAs(centre);
    }

    @Test
    void aClosedStationSaysSoAndClosesOnce() throws Exception {
        Station county = placed(Station.county("W", "县"));
        Station centre = placed(county.openChild("W-1", "街道", StationLevel.SUBDISTRICT));
        assertThat(centre.isClosed()).isFalse();
        centre.close(java.time.Instant.parse("2026-12-01T02:00:00Z"), "admin");
        assertThat(centre.isClosed()).isTrue();
        assertThatThrownBy(() -> centre.close(java.time.Instant.now(), "admin")).hasMessageContaining("already closed");
    }
}
