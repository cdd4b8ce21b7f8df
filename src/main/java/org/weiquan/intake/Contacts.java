package org.weiquan.intake;

import java.util.Optional;

/** The registered contacts. */
public interface Contacts {

    Optional<Contact> byId(long id);

    /** Stores a new contact and assigns its id. */
    void add(Contact contact);
}
