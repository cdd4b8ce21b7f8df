package org.weiquan.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.persistence.config.CacheUsage;
import org.eclipse.persistence.config.QueryHints;

import java.util.Optional;

@ApplicationScoped
class JpaContacts implements Contacts {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<Contact> byId(long id) {
        return Optional.ofNullable(em.find(Contact.class, id));
    }

    @Override
    public Optional<Contact> byIdWithStation(long id) {
        return em.createQuery("SELECT c FROM Contact c JOIN FETCH c.station WHERE c.id = :id", Contact.class)
                .setParameter("id", id)
                // a contact this transaction has read already is taken from it, as a find would
                .setHint(QueryHints.CACHE_USAGE, CacheUsage.CheckCacheByExactPrimaryKey)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Contact> forAcceptance(long id) {
        return em.createQuery("SELECT c FROM Contact c JOIN FETCH c.station"
                        + " LEFT JOIN FETCH c.otherCategories WHERE c.id = :id", Contact.class)
                .setParameter("id", id)
                .setHint(QueryHints.CACHE_USAGE, CacheUsage.CheckCacheByExactPrimaryKey)
                .getResultStream().findFirst();
    }

    @Override
    public void add(Contact contact) {
        em.persist(contact);
        em.flush();
    }
}
