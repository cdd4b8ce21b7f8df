package org.weiquan.shared;

/** One problem with one field of a request: which field, and what is wrong, in words a user can act on. */
public record FieldError(String field, String message) {
}
