package org.weiquan.shared;

import jakarta.ejb.ApplicationException;

/** A request body or upload over its limit; nothing was written. */
@ApplicationException(rollback = true)
public class TooLarge extends RuntimeException {

    private final String field;
    private final long limit;

    public TooLarge(String field, long limit) {
        super(field + " is larger than " + limit + " bytes");
        this.field = field;
        this.limit = limit;
    }

    public String field() {
        return field;
    }

    public long limit() {
        return limit;
    }
}
