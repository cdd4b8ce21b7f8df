package org.weiquan.station;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedStationTest {

    @Test
    void theShippedSeedIsOneCountyWithSubdistrictsOverCommunitiesAndVillages() throws IOException {
        List<SeedStation> rows;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("seeds/stations.csv")) {
            rows = SeedStation.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(rows.get(0).level()).isEqualTo(StationLevel.COUNTY);
        assertThat(rows.stream().filter(r -> r.parentCode() == null)).hasSize(1);
        Set<String> seen = new HashSet<>();
        for (SeedStation row : rows) {
            assertThat(row.parentCode() == null || seen.contains(row.parentCode()))
                    .as("parent of %s comes before it", row.code()).isTrue();
            assertThat(seen.add(row.code())).as("code %s is unique", row.code()).isTrue();
        }
        assertThat(rows).filteredOn(r -> r.level() == StationLevel.SUBDISTRICT).hasSize(2);
        assertThat(rows).filteredOn(r -> r.level() == StationLevel.VILLAGE).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void aLineWithTheWrongNumberOfFieldsIsRefusedWithItsLineNumber() {
        assertThatThrownBy(() -> SeedStation.parse("code,name,level,parent_code\nQX,清溪县妇联,COUNTY\n"))
                .hasMessageContaining("line 2");
    }

    @Test
    void aVillageCannotSitDirectlyUnderTheCounty() {
        Station county = Station.county("QX", "清溪县妇联");
        assertThatThrownBy(() -> county.openChild("QX-9", "某村", StationLevel.VILLAGE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
