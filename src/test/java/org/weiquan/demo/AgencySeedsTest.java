package org.weiquan.demo;

import org.junit.jupiter.api.Test;
import org.weiquan.station.AgencyKind;
import org.weiquan.station.SeedAgency;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped partner agencies ({@code seeds/agencies.csv}); they live in {@code station}, read here. */
class AgencySeedsTest {

    @Test
    void theShippedAgenciesCoverEveryKindOnceByCodeAtStationsOfTheTree() throws IOException {
        List<SeedAgency> agencies = SeedAgency.parse(DemoContactsFileTest.resource("seeds/agencies.csv"));
        Set<String> stations = DemoContactsFileTest.resource("seeds/stations.csv").lines().skip(1)
                .map(l -> l.split(",")[0]).collect(Collectors.toSet());

        assertThat(agencies.stream().map(SeedAgency::kind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(AgencyKind.values());
        Set<String> codes = new HashSet<>();
        for (SeedAgency a : agencies) {
            assertThat(codes.add(a.code())).as("code %s is unique", a.code()).isTrue();
            assertThat(a.code().length()).isLessThanOrEqualTo(32);
            assertThat(a.name()).startsWith("清溪县");
            assertThat(a.stationCode() == null || stations.contains(a.stationCode())).as(a.code()).isTrue();
        }
        assertThat(agencies).filteredOn(a -> a.kind() == AgencyKind.POLICE).hasSize(3);
        assertThat(agencies).filteredOn(a -> a.kind() == AgencyKind.JUDICIAL_OFFICE).hasSize(2);
    }

    @Test
    void anUnknownKindIsRefusedWithItsLine() {
        assertThatThrownBy(() -> SeedAgency.parse("code,name,kind,station_code\nQX-X,某单位,PRISON,QX\n"))
                .hasMessageContaining("line 2").hasMessageContaining("kind");
    }

    @Test
    void anAgencyMayStandWithoutAStation() {
        assertThat(SeedAgency.parse("code,name,kind,station_code\nQX-Y,某医院,HOSPITAL,\n").get(0).stationCode()).isNull();
    }
}
