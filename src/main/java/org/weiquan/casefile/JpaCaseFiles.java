package org.weiquan.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
class JpaCaseFiles implements CaseFiles {

    @PersistenceContext
    EntityManager em;

    @Override
    public Optional<Case> byNumber(String number) {
        return em.createQuery("SELECT c FROM CaseFile c WHERE c.number = :n", Case.class).setParameter("n", number)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<Case> byId(long id) {
        return Optional.ofNullable(em.find(Case.class, id));
    }

    @Override
    public Case lock(Case aCase) {
        em.lock(aCase, LockModeType.PESSIMISTIC_WRITE);
        return aCase;
    }

    @Override
    public void add(Case aCase) {
        em.persist(aCase);
    }

    @Override
    public List<WrittenReply> repliesOf(Case aCase) {
        return em.createQuery("SELECT r FROM WrittenReply r WHERE r.aCase = :c ORDER BY r.sentOn, r.id", WrittenReply.class)
                .setParameter("c", aCase).getResultList();
    }

    @Override
    public void add(WrittenReply reply) {
        em.persist(reply);
    }

    @Override
    public long openCasesOf(String mediator) {
        return em.createQuery("SELECT COUNT(c) FROM CaseFile c WHERE c.mediator = :m AND c.status = :open", Long.class)
                .setParameter("m", mediator).setParameter("open", CaseStatus.OPEN).getSingleResult();
    }
}
