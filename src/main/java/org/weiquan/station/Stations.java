package org.weiquan.station;

import java.util.List;
import java.util.Optional;

/** The stations of the network. */
public interface Stations {

    Optional<Station> byCode(String code);

    /** All stations ordered root first, parents before children. */
    List<Station> all();

    /** The station and every station below it. */
    List<Station> subtree(Station root);

    long count();

    void add(Station station);
}
