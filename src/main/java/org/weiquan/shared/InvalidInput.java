package org.weiquan.shared;

import jakarta.ejb.ApplicationException;

import java.util.ArrayList;
import java.util.List;

/**
 * The request is understood but breaks a rule; nothing was written. Carries every field error found,
 * so that a form can show them all at once.
 */
@ApplicationException(rollback = true)
public class InvalidInput extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        List<String> parts = new ArrayList<>();
        for (FieldError e : errors) {
            parts.add(e.field() + ": " + e.message());
        }
        return String.join("; ", parts);
    }

    /** Collects field errors while a request is checked, then throws them together. */
    public static final class Collector {
        private final List<FieldError> errors = new ArrayList<>();

        public Collector add(String field, String message) {
            errors.add(new FieldError(field, message));
            return this;
        }

        public boolean hasErrors() {
            return !errors.isEmpty();
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
        }
    }
}
