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

    /**
     * The contact as an acceptance reads it: with its station and its other categories (domestic violence among them
     * starts the case's danger assessment); one statement, where the contact with its station and then its
     * categories were two.
     */
    Optional<Contact> forAcceptance(long id);

    /** Stores a new contact and assigns its id. */
    void add(Contact contact);
}
