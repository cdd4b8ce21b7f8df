package org.weiquan.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a task's candidate groups include one of the user's: a claim and a completion ask it. A supervisor's groups
 * reach every station below hers; the answer reads only the stations the task names, never her whole subtree.
 */
class CandidateGroupsTest {

    /** The county QX (/1/), its sub-districts QX-01 (/1/2/) and QX-02 (/1/3/), and QX-0109 (/1/2/9/) under QX-01. */
    private static final Map<String, String> PATHS = Map.of("QX", "/1/", "QX-01", "/1/2/", "QX-02", "/1/3/",
            "QX-0109", "/1/2/9/");

    private final List<Collection<String>> asked = new ArrayList<>();
    private CandidateGroups groups;

    @BeforeEach
    void tree() {
        groups = new CandidateGroups();
        groups.stations = new TreeOfPaths();
    }

    @Test
    void aUsersRoleAtHerOwnStationIsHersWithoutReadingAnyStation() {
        Actor mediator = actor("QX-0109", Role.MEDIATOR);
        assertThat(groups.includesAny(mediator, List.of("station:QX-0109:supervisor", "station:QX-0109:mediator"))).isTrue();
        assertThat(groups.includesAny(actor("QX-01", Role.SUPERVISOR), List.of("station:QX-01:supervisor"))).isTrue();
        assertThat(asked).isEmpty();
    }

    @Test
    void aSupervisorTakesTheSupervisorsGroupOfAStationBelowHersAskingForThatStationOnly() {
        Actor county = actor("QX", Role.SUPERVISOR);
        assertThat(groups.includesAny(county, List.of("station:QX-0109:mediator", "station:QX-0109:supervisor"))).isTrue();
        assertThat(asked).containsExactly(Set.of("QX-0109"));
    }

    @Test
    void aStationAboveOrBesideHersIsNotHers() {
        Actor subDistrict = actor("QX-01", Role.SUPERVISOR);
        assertThat(groups.includesAny(subDistrict, List.of("station:QX:supervisor"))).isFalse();
        assertThat(groups.includesAny(subDistrict, List.of("station:QX-02:supervisor"))).isFalse();
        assertThat(groups.includesAny(subDistrict, List.of("station:QX-0109:supervisor"))).isTrue();
    }

    @Test
    void anotherRolesGroupOrAnotherStationsIsNotHersAndNeedsNoRead() {
        assertThat(groups.includesAny(actor("QX", Role.INTAKE, Role.MEDIATOR), List.of("station:QX-0109:mediator")))
                .as("only a supervisor's groups reach below her station").isFalse();
        assertThat(groups.includesAny(actor("QX-0109", Role.MEDIATOR), List.of("station:QX-0109:supervisor")))
                .isFalse();
        assertThat(groups.includesAny(actor("QX", Role.SUPERVISOR), List.of("station::supervisor", "supervisor",
                "station:QX-0109:SUPERVISOR", "district:QX-0109:supervisor"))).isFalse();
        assertThat(asked).isEmpty();
    }

    @Test
    void aGroupNamesItsStationBetweenThePrefixAndTheRole() {
        assertThat(Role.SUPERVISOR.stationOf("station:QX-0109:supervisor")).contains("QX-0109");
        assertThat(Role.SUPERVISOR.stationOf(Role.SUPERVISOR.groupAt("QX"))).contains("QX");
        assertThat(Role.MEDIATOR.stationOf("station:QX-0109:supervisor")).isEmpty();
        assertThat(Role.SUPERVISOR.stationOf("station::supervisor")).isEmpty();
    }

    private static Actor actor(String station, Role... roles) {
        return new Actor("u", null, station, PATHS.get(station), Set.of(roles), "127.0.0.1");
    }

    /** Answers from the paths above and records what it was asked; a read of a subtree fails the test. */
    private final class TreeOfPaths implements Stations {

        @Override
        public boolean anyWithin(String rootPath, Collection<String> codes) {
            asked.add(Set.copyOf(codes));
            return codes.stream().map(PATHS::get).anyMatch(p -> p != null && p.startsWith(rootPath));
        }

        @Override
        public List<Station> subtree(String rootPath) {
            throw new AssertionError("read the whole subtree of " + rootPath);
        }

        @Override
        public List<Station> subtree(Station root) {
            throw new AssertionError("read the whole subtree of " + root.code());
        }

        @Override
        public Optional<Station> byCode(String code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Station> byPath(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Station reference(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Station> all() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void add(Station station) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void move(Station station, Station newParent) {
            throw new UnsupportedOperationException();
        }
    }
}
