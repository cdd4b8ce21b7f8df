package org.weiquan.shared;

/** The thing asked for does not exist, or is outside the user's scope: the two look the same on purpose. */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
