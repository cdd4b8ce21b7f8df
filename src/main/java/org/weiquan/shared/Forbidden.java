package org.weiquan.shared;

import jakarta.ejb.ApplicationException;

/** The user is known and the object in scope, but the user's role does not allow this action. */
@ApplicationException(rollback = true)
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
