package org.weiquan.station;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the station tree and the partner agencies for the interfaces. */
@Stateless
public class StationService {

    @Inject
    Stations stations;

    @PersistenceContext
    EntityManager em;

    /** The whole tree, roots first, each node with its children in code order. */
    public List<StationNode> tree() {
        Map<Long, StationNode> nodes = new LinkedHashMap<>();
        List<StationNode> roots = new ArrayList<>();
        for (Station s : stations.all()) {
            StationNode node = new StationNode(s.code(), s.name(), s.level(), new ArrayList<>(), s.isClosed());
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

    /** The active partner agencies by code (those a referral may go to), each with its station (or none). */
    public List<AgencyLine> agencies() {
        return allAgencies().stream().filter(AgencyLine::active).toList();
    }

    /** Every partner agency by code, active or not, for the administrator. */
    public List<AgencyLine> allAgencies() {
        return em.createQuery("SELECT a FROM PartnerAgency a LEFT JOIN FETCH a.station ORDER BY a.code", PartnerAgency.class)
                .getResultList().stream()
                .map(a -> new AgencyLine(a.code(), a.name(), a.kind(),
                        a.station() == null ? null : a.station().code(), a.station() == null ? null : a.station().name(),
                        a.isActive()))
                .toList();
    }

    /** A partner agency as the interfaces list it. */
    public record AgencyLine(String code, String name, AgencyKind kind, String stationCode, String stationName,
                             boolean active) {
    }

    /** A station and the stations under it, as a read-only tree. */
    public record StationNode(String code, String name, StationLevel level, List<StationNode> children, boolean closed) {
    }
}
