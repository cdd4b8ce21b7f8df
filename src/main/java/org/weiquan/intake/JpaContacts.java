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
    public void add(Contact contact) {
        em.persist(contact);
        em.flush();
    }
}
