package org.weiquan.shared;

import jakarta.ejb.ApplicationException;

/** The thing asked for does not exist, or is outside the user's scope: the two look the same on purpose. */
@ApplicationException(rollback = true)
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
