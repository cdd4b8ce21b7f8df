package org.weiquan.station;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The stations of the network. */
public interface Stations {

    Optional<Station> byCode(String code);

    /**
     * The station whose subtree path is {@code path} (its own id ends it), read by its id with its parent: one
     * statement.
     */
    Optional<Station> byPath(String path);

    /**
     * The station of this id as a reference whose fields are read only when asked for: for a row that names it (a
     * contact's station) when the caller knows already what it needs of it.
     */
    Station reference(long id);

    /** All stations ordered root first, parents before children. */
    List<Station> all();

    /** The station and every station below it. */
    List<Station> subtree(Station root);

    /** The stations at and below the one whose path is {@code rootPath}, by path. */
    List<Station> subtree(String rootPath);

    /** Whether a station of one of these codes lies at or below the one whose path is {@code rootPath}. */
    boolean anyWithin(String rootPath, Collection<String> codes);

    long count();

    void add(Station station);

    /**
     * Moves a station and its whole subtree under another parent, in the caller's transaction: every path
     * below it is rewritten, so the scope of its users and the roll-up of its cases follow at once.
     */
    void move(Station station, Station newParent);
}
