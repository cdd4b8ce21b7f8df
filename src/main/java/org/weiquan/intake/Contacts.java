package org.weiquan.intake;

import java.util.Optional;

/** The registered contacts. */
public interface Contacts {

    Optional<Contact> byId(long id);

    /**
     * The contact with its station, whose path every scope check reads: one statement (a contact this transaction
     * holds already costs none), where the contact and then its station were two.
     */
    Optional<Contact> byIdWithStation(long id);

    /** Stores a new contact and assigns its id. */
    void add(Contact contact);
}
