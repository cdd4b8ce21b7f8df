package org.weiquan.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

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
        return em.createNamedQuery(Contact.WITH_STATION, Contact.class).setParameter("id", id)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Contact> forAcceptance(long id) {
        return em.createNamedQuery(Contact.FOR_ACCEPTANCE, Contact.class).setParameter("id", id)
                .getResultStream().findFirst();
    }

    @Override
    public void add(Contact contact) {
        em.persist(contact);
        em.flush();
    }
}
