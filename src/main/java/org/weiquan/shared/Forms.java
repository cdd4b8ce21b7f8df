package org.weiquan.shared;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds a form record from what the user sent — a JSON object from the API, or the values of a web page —
 * and validates it with Bean Validation, so that both ways in arrive at the same typed record and the same
 * checks. Binding is strict: no coercion between types (a number is not text, "x" is not a boolean), integers
 * stay in range, unknown fields are refused, and control characters are refused in text. Every problem names
 * its field ({@code contactAttempts[1].on}); nothing the user typed is repeated in a message.
 */
public final class Forms {

    /** The form texts' message bundle ({@code {required}} in a constraint refers to it). */
    public static final String MESSAGES = "org.weiquan.shared.rules";

    private static volatile ValidatorFactory factory;

    private Forms() {
    }

    /** A form from a JSON body; problems in the given language. */
    public static <R extends Record> R bind(Class<R> type, JsonValue body, Locale locale) {
        Binder binder = new Binder(locale);
        if (!(body instanceof JsonObject object)) {
            throw InvalidInput.of("body", Rules.text(locale, "form.notObject"));
        }
        R form = binder.fromJson(type, object, "");
        binder.errors.throwIfAny();
        return form;
    }

    /** A form from the values of a page (field name to the value its input gave; blank text counts as empty). */
    public static <R extends Record> R bind(Class<R> type, Map<String, ?> values, Locale locale) {
        Binder binder = new Binder(locale);
        R form = binder.fromValues(type, values, "");
        binder.errors.throwIfAny();
        return form;
    }

    /** Bean Validation of a bound form; its messages in the given language. */
    public static void validate(Object form, Locale locale) {
        Validator validator = factory().usingContext().messageInterpolator(localized(locale)).getValidator();
        List<FieldError> errors = validator.validate(form).stream()
                .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage())).toList();
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    /** Bound and validated in one step. */
    public static <R extends Record> R bindValid(Class<R> type, JsonValue body, Locale locale) {
        R form = bind(type, body, locale);
        validate(form, locale);
        return form;
    }

    public static <R extends Record> R bindValid(Class<R> type, Map<String, ?> values, Locale locale) {
        R form = bind(type, values, locale);
        validate(form, locale);
        return form;
    }

    /** The fields of a form, in order: what a page offers and what the API accepts. */
    public static List<String> fields(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static ValidatorFactory factory() {
        if (factory == null) {
            synchronized (Forms.class) {
                if (factory == null) {
                    factory = Validation.byDefaultProvider().configure()
                            .messageInterpolator(new BundleInterpolator(Locale.ENGLISH))
                            // "today" for @PastOrPresent is the station's day (DESIGN §3), not the server's: on a
                            // server in UTC a date typed between 0:00 and 8:00 Beijing time lay "in the future"
                            .clockProvider(() -> java.time.Clock.system(StationTime.ZONE))
                            .buildValidatorFactory();
                }
            }
        }
        return factory;
    }

    private static MessageInterpolator localized(Locale locale) {
        return new BundleInterpolator(locale);
    }

    /** Resolves {key} from the rules bundle in a fixed language, and {min}/{max}/{value} from the constraint. */
    private record BundleInterpolator(Locale locale) implements MessageInterpolator {
        @Override
        public String interpolate(String template, Context context) {
            return interpolate(template, context, locale);
        }

        @Override
        public String interpolate(String template, Context context, Locale ignored) {
            String text = template;
            if (template.startsWith("{") && template.endsWith("}")) {
                text = Rules.text(locale, template.substring(1, template.length() - 1));
            }
            for (Map.Entry<String, Object> a : context.getConstraintDescriptor().getAttributes().entrySet()) {
                text = text.replace("{" + a.getKey() + "}", String.valueOf(a.getValue()));
            }
            return text;
        }
    }

    /** One binding: the language of its problems and the problems found. */
    private static final class Binder {
        final Locale locale;
        final InvalidInput.Collector errors = new InvalidInput.Collector();

        Binder(Locale locale) {
            this.locale = locale;
        }

        // ------------------------------------------------------------------ from JSON

        <R extends Record> R fromJson(Class<R> type, JsonObject object, String prefix) {
            RecordComponent[] components = type.getRecordComponents();
            List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
            for (String key : object.keySet()) {
                if (!names.contains(key)) {
                    errors.add(prefix + key, Rules.text(locale, "form.unknownField"));
                }
            }
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                args[i] = json(c.getGenericType(), object.get(c.getName()), prefix + c.getName());
            }
            return errors.hasErrors() ? null : construct(type, args);
        }

        Object json(Type type, JsonValue value, String field) {
            if (value == null || value == JsonValue.NULL) {
                return null;
            }
            Class<?> raw = raw(type);
            if (raw == String.class) {
                if (!(value instanceof JsonString s)) {
                    return wrong(field, "form.text");
                }
                return text(s.getString(), field);
            }
            if (raw == Boolean.class) {
                if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                    return value == JsonValue.TRUE;
                }
                return wrong(field, "form.boolean");
            }
            if (raw == Integer.class || raw == Long.class) {
                if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
                    return wrong(field, "form.integer");
                }
                try {
                    long v = n.bigIntegerValueExact().longValueExact();
                    if (raw == Integer.class && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                        return wrong(field, "form.integer");
                    }
                    return raw == Integer.class ? (Object) (int) v : (Object) v;
                } catch (ArithmeticException e) {
                    return wrong(field, "form.integer");
                }
            }
            if (raw.isEnum()) {
                if (!(value instanceof JsonString s)) {
                    return wrong(field, "form.text");
                }
                return constant(raw, s.getString(), field);
            }
            if (raw == OffsetDateTime.class || raw == LocalDate.class) {
                if (!(value instanceof JsonString s)) {
                    return wrong(field, "form.text");
                }
                return time(raw, s.getString(), field);
            }
            if (raw == List.class) {
                if (!(value instanceof JsonArray array)) {
                    return wrong(field, "form.list");
                }
                if (array.size() > 100) {
                    return wrong(field, "form.tooMany");
                }
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    list.add(json(element, array.get(i), field + "[" + i + "]"));
                }
                return list;
            }
            if (raw == Map.class) {
                if (!(value instanceof JsonObject object)) {
                    return wrong(field, "form.object");
                }
                Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
                Map<String, Object> map = new LinkedHashMap<>();
                object.forEach((k, v) -> map.put(k, json(valueType, v, field + "." + k)));
                return map;
            }
            if (raw.isRecord()) {
                if (!(value instanceof JsonObject object)) {
                    return wrong(field, "form.object");
                }
                @SuppressWarnings("unchecked")
                Class<? extends Record> nested = (Class<? extends Record>) raw;
                return fromJson(nested, object, field + ".");
            }
            throw new IllegalStateException("a form field of type " + raw.getSimpleName() + " cannot be bound");
        }

        // ------------------------------------------------------------------ from a page's values

        <R extends Record> R fromValues(Class<R> type, Map<String, ?> values, String prefix) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                args[i] = value(c.getGenericType(), values.get(c.getName()), prefix + c.getName());
            }
            return errors.hasErrors() ? null : construct(type, args);
        }

        Object value(Type type, Object value, String field) {
            if (value == null || value instanceof String s && s.isBlank()) {
                return null;
            }
            Class<?> raw = raw(type);
            if (raw.isInstance(value) && raw != String.class && raw != List.class && raw != Map.class) {
                return value;
            }
            if (raw == String.class) {
                return value instanceof String s ? text(s, field) : wrong(field, "form.text");
            }
            if (raw == Boolean.class) {
                return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE
                        : wrong(field, "form.boolean");
            }
            if (raw == Integer.class && value instanceof Number n) {
                return n.intValue();
            }
            if (raw.isEnum() && value instanceof String s) {
                return constant(raw, s, field);
            }
            if (raw == OffsetDateTime.class) {
                if (value instanceof LocalDateTime t) {
                    return t.atZone(StationTime.ZONE).toOffsetDateTime();
                }
                if (value instanceof Date d) {
                    return StationTime.of(d.toInstant());
                }
                if (value instanceof String s) {
                    // a page's date-time input has no offset: it is Beijing time
                    try {
                        return LocalDateTime.parse(s.strip()).atZone(StationTime.ZONE).toOffsetDateTime();
                    } catch (DateTimeParseException e) {
                        return time(raw, s, field);
                    }
                }
            }
            if (raw == LocalDate.class) {
                if (value instanceof Date d) {
                    return d.toInstant().atZone(StationTime.ZONE).toLocalDate();
                }
                if (value instanceof String s) {
                    return time(raw, s, field);
                }
            }
            if (raw == List.class && value instanceof List<?> list) {
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Object v = list.get(i);
                    if (raw(element).isRecord() && v instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Class<? extends Record> nested = (Class<? extends Record>) raw(element);
                        @SuppressWarnings("unchecked")
                        Map<String, ?> row = (Map<String, ?>) m;
                        if (row.values().stream().allMatch(x -> x == null || x instanceof String s && s.isBlank())) {
                            continue; // an empty row of a page's table is no entry
                        }
                        out.add(fromValues(nested, row, field + "[" + i + "]."));
                    } else {
                        out.add(value(element, v, field + "[" + i + "]"));
                    }
                }
                return out;
            }
            if (raw == Map.class && value instanceof Map<?, ?> map) {
                Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(k.toString(), value(valueType, v, field + "." + k)));
                return out;
            }
            return wrong(field, "form.wrongType");
        }

        // ------------------------------------------------------------------ both

        Object text(String s, String field) {
            if (s.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' || ch == 0x7f)) {
                return wrong(field, "form.controlCharacters");
            }
            String stripped = s.strip();
            return stripped.isEmpty() ? null : stripped;
        }

        Object constant(Class<?> type, String name, String field) {
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equals(name.strip())) {
                    return c;
                }
            }
            errors.add(field, Rules.text(locale, "form.oneOf") + " " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", ")));
            return null;
        }

        Object time(Class<?> type, String text, String field) {
            try {
                return type == LocalDate.class ? LocalDate.parse(text.strip()) : OffsetDateTime.parse(text.strip());
            } catch (DateTimeParseException e) {
                return wrong(field, type == LocalDate.class ? "form.date" : "form.time");
            }
        }

        Object wrong(String field, String key) {
            errors.add(field, Rules.text(locale, key));
            return null;
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static <R extends Record> R construct(Class<R> type, Object[] args) {
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the form " + type.getSimpleName() + " cannot be built", e);
        }
    }
}
