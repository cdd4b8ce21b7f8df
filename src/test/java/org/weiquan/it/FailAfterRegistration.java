package org.weiquan.it;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.intake.ContactRegistration;
import org.weiquan.intake.IntakeService;

/** Test helper: registers a contact, then fails in the same transaction, as a later step of a request might. */
@Stateless
public class FailAfterRegistration {

    @Inject
    IntakeService intake;

    public void registerThenFail(ContactRegistration registration) {
        long id = intake.register(registration).id();
        throw new LaterStepFailed(id);
    }

    @ApplicationException(rollback = true)
    public static class LaterStepFailed extends RuntimeException {
        public final long contactId;

        public LaterStepFailed(long contactId) {
            super("a later step failed after contact " + contactId + " was registered");
            this.contactId = contactId;
        }
    }
}
