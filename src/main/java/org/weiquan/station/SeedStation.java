package org.weiquan.station;

import java.util.ArrayList;
import java.util.List;

/** One line of {@code seeds/stations.csv}. */
record SeedStation(String code, String name, StationLevel level, String parentCode) {

    static List<SeedStation> parse(String csv) {
        List<SeedStation> rows = new ArrayList<>();
        String[] lines = csv.replace("\uFEFF", "").split("\\R");
        for (int i = 1; i < lines.length; i++) { // line 0 is the header
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 4) {
                throw new IllegalStateException("stations.csv line " + (i + 1) + ": expected code,name,level,parent_code");
            }
            rows.add(new SeedStation(f[0].strip(), f[1].strip(), StationLevel.valueOf(f[2].strip()),
                    f[3].isBlank() ? null : f[3].strip()));
        }
        return rows;
    }
}
