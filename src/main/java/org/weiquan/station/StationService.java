package org.weiquan.station;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the station tree for the interfaces. */
@Stateless
public class StationService {

    @Inject
    Stations stations;

    /** The whole tree, roots first, each node with its children in code order. */
    public List<StationNode> tree() {
        Map<Long, StationNode> nodes = new LinkedHashMap<>();
        List<StationNode> roots = new ArrayList<>();
        for (Station s : stations.all()) {
            StationNode node = new StationNode(s.code(), s.name(), s.level(), new ArrayList<>());
            nodes.put(s.id(), node);
            if (s.parent() == null) {
                roots.add(node);
            } else {
                nodes.get(s.parent().id()).children().add(node);
            }
        }
        for (StationNode node : nodes.values()) {
            node.children().sort((a, b) -> a.code().compareTo(b.code()));
        }
        return roots;
    }

    /** A station and the stations under it, as a read-only tree. */
    public record StationNode(String code, String name, StationLevel level, List<StationNode> children) {
    }
}
