package org.weiquan.shared;

/** The user is known and the object in scope, but the user's role does not allow this action. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
