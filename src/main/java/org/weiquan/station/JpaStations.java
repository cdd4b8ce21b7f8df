package org.weiquan.station;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class JpaStations implements Stations {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<Station> byCode(String code) {
        return em.createQuery("SELECT s FROM Station s WHERE s.code = :code", Station.class)
                .setParameter("code", code)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Station> byPath(String path) {
        String[] ids = path.split("/");
        if (ids.length == 0) {
            return Optional.empty();
        }
        try {
            // with its parent, the level a passed deadline escalates to: one statement, where a find and the parent
            // asked for afterwards were two
            return em.createQuery("SELECT s FROM Station s LEFT JOIN FETCH s.parent WHERE s.id = :id", Station.class)
                    .setParameter("id", Long.valueOf(ids[ids.length - 1])).getResultStream().findFirst()
                    .filter(s -> s.path().equals(path));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Station reference(long id) {
        return em.getReference(Station.class, id);
    }

    @Override
    public List<Station> all() {
        return em.createQuery("SELECT s FROM Station s ORDER BY s.path", Station.class).getResultList();
    }

    @Override
    public List<Station> subtree(Station root) {
        return subtree(root.path());
    }

    @Override
    public List<Station> subtree(String rootPath) {
        return em.createQuery("SELECT s FROM Station s WHERE s.path LIKE :prefix ORDER BY s.path", Station.class)
                .setParameter("prefix", rootPath + "%")
                .getResultList();
    }

    @Override
    public boolean anyWithin(String rootPath, Collection<String> codes) {
        return !codes.isEmpty() && em.createQuery(
                        "SELECT COUNT(s) FROM Station s WHERE s.code IN :codes AND s.path LIKE :prefix", Long.class)
                .setParameter("codes", codes)
                .setParameter("prefix", rootPath + "%")
                .getSingleResult() > 0;
    }

    @Override
    public long count() {
        return em.createQuery("SELECT COUNT(s) FROM Station s", Long.class).getSingleResult();
    }

    @Override
    public void add(Station station) {
        em.persist(station);
        em.flush();
        station.placeInTree();
    }

    @Override
    public void move(Station station, Station newParent) {
        String before = station.moveUnder(newParent);
        String after = station.path();
        List<Station> below = em.createQuery("SELECT s FROM Station s WHERE s.path LIKE :prefix AND s.id <> :id",
                        Station.class)
                .setParameter("prefix", before + "%").setParameter("id", station.id())
                .getResultList();
        for (Station s : below) {
            s.rebase(before, after);
        }
        em.flush();
    }
}
