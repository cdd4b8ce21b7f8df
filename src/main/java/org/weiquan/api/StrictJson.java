package org.weiquan.api;

import org.weiquan.shared.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.InvalidInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads request bodies into the API's records strictly (ASVS 1.5, 2.2.1): a field takes only its own JSON
 * type — no number as text, no {@code "x"} as a boolean, no 1.5 as a whole number, no whole number outside
 * its Java range, no unknown field, no key given twice — and no text carries a control character other
 * than tab and line breaks. Every problem names its field ({@code parties[0].age}); a wrong shape or type
 * answers 400, a control character 422, and nothing of the value is repeated.
 *
 * <p>It takes records made of text, whole numbers, booleans, lists and further such records (at any
 * package); any other body type is left to the default JSON binding. Declared for {@code Record} and with
 * the highest priority, so that it, not the default binding, reads every such record.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@jakarta.annotation.Priority(1)
public class StrictJson implements MessageBodyReader<Record> {

    private static final JsonReaderFactory READERS = Jsonp.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
    private static final Map<Class<?>, Boolean> SUPPORTED = new ConcurrentHashMap<>();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return supported(type);
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        JsonValue json = parse(entityStream);
        if (json == null) {
            return null; // an empty body: the resource says "body is required"
        }
        Binding binding = new Binding();
        Object value = binding.bind(json, type, type, "body");
        binding.throwIfAny();
        return (Record) value;
    }

    /** Parses the whole body; an empty one is null. */
    static JsonValue parse(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try (JsonReader reader = READERS.createReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            return reader.readValue();
        } catch (JsonException e) {
            // the parser's message may quote the body: say only that it is not JSON (or has a key twice)
            throw new MalformedBody(List.of(new FieldError("body", "is not well-formed JSON, or names a field twice")));
        }
    }

    /** A body of the wrong shape: 400, with the field errors. */
    public static class MalformedBody extends RuntimeException {
        private final List<FieldError> errors;

        MalformedBody(List<FieldError> errors) {
            super("the request body cannot be read");
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    static boolean supported(Class<?> type) {
        return SUPPORTED.computeIfAbsent(type, t -> supported(t, new HashSet<>()));
    }

    private static boolean supported(Class<?> type, Set<Class<?>> seen) {
        if (!type.isRecord() || !seen.add(type)) {
            return type.isRecord(); // a record seen before is being checked already
        }
        if (type.isAnnotationPresent(JsonbTypeDeserializer.class)) {
            return false;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.isAnnotationPresent(JsonbProperty.class) || c.getAccessor().isAnnotationPresent(JsonbProperty.class)
                    || !supportedType(c.getGenericType(), seen)) {
                return false;
            }
        }
        return true;
    }

    private static boolean supportedType(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            return p.getRawType() == List.class && supportedType(p.getActualTypeArguments()[0], seen);
        }
        if (!(type instanceof Class<?> c)) {
            return false;
        }
        return c == String.class || c == Integer.class || c == int.class || c == Long.class || c == long.class
                || c == Boolean.class || c == boolean.class || c.isEnum() || supported(c, seen);
    }

    /** One body being bound: the errors found on the way. */
    private static final class Binding {
        private final List<FieldError> shape = new ArrayList<>();
        private final List<FieldError> rules = new ArrayList<>();

        void throwIfAny() {
            if (!shape.isEmpty()) {
                throw new MalformedBody(shape);
            }
            if (!rules.isEmpty()) {
                throw new InvalidInput(rules);
            }
        }

        Object bind(JsonValue json, Type type, Class<?> raw, String path) {
            if (json.getValueType() == JsonValue.ValueType.NULL) {
                if (raw.isPrimitive()) {
                    shape.add(new FieldError(path, "is required"));
                }
                return null;
            }
            if (raw == String.class) {
                return text(json, path);
            }
            if (raw == Integer.class || raw == int.class) {
                BigInteger n = whole(json, path);
                return n == null ? null : ranged(n, Integer.MIN_VALUE, Integer.MAX_VALUE, path, true);
            }
            if (raw == Long.class || raw == long.class) {
                BigInteger n = whole(json, path);
                return n == null ? null : ranged(n, Long.MIN_VALUE, Long.MAX_VALUE, path, false);
            }
            if (raw == Boolean.class || raw == boolean.class) {
                if (json == JsonValue.TRUE || json == JsonValue.FALSE) {
                    return json == JsonValue.TRUE;
                }
                shape.add(new FieldError(path, "must be true or false"));
                return null;
            }
            if (raw.isEnum()) {
                return constant(json, raw, path);
            }
            if (raw == List.class) {
                return list(json, ((ParameterizedType) type).getActualTypeArguments()[0], path);
            }
            return record(json, raw, path);
        }

        private String text(JsonValue json, String path) {
            if (!(json instanceof JsonString s)) {
                shape.add(new FieldError(path, "must be text (in quotes)"));
                return null;
            }
            String value = s.getString();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                    rules.add(new FieldError(path, "must not contain control characters"));
                    break;
                }
            }
            return value;
        }

        private BigInteger whole(JsonValue json, String path) {
            if (!(json instanceof JsonNumber n)) {
                shape.add(new FieldError(path, "must be a whole number (not in quotes)"));
                return null;
            }
            BigDecimal d = n.bigDecimalValue();
            // check the size before building the number: 1e999999999 must cost nothing
            if (d.precision() - d.scale() > 20) {
                shape.add(new FieldError(path, "is too large"));
                return null;
            }
            try {
                return d.toBigIntegerExact();
            } catch (ArithmeticException fraction) {
                shape.add(new FieldError(path, "must be a whole number"));
                return null;
            }
        }

        private Object ranged(BigInteger n, long min, long max, String path, boolean integer) {
            if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
                shape.add(new FieldError(path, "must lie between " + min + " and " + max));
                return null;
            }
            return integer ? (Object) n.intValue() : (Object) n.longValue();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Object constant(JsonValue json, Class<?> raw, String path) {
            String name = text(json, path);
            if (name == null) {
                return null;
            }
            try {
                return Enum.valueOf((Class) raw, name);
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (Object c : raw.getEnumConstants()) {
                    names.add(((Enum<?>) c).name());
                }
                rules.add(new FieldError(path, "must be one of " + String.join(", ", names)));
                return null;
            }
        }

        private List<Object> list(JsonValue json, Type element, String path) {
            if (!(json instanceof JsonArray array)) {
                shape.add(new FieldError(path, "must be a list [ … ]"));
                return null;
            }
            Class<?> raw = element instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) element;
            List<Object> values = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                values.add(bind(array.get(i), element, raw, path + "[" + i + "]"));
            }
            return values;
        }

        private Object record(JsonValue json, Class<?> type, String path) {
            String prefix = "body".equals(path) ? "" : path + ".";
            if (!(json instanceof JsonObject object)) {
                shape.add(new FieldError("body".equals(path) ? "body" : path, "must be an object { … }"));
                return null;
            }
            RecordShape record = RecordShape.OF.get(type);
            Object[] values = new Object[record.names.length];
            for (int i = 0; i < values.length; i++) {
                JsonValue value = object.get(record.names[i]);
                values[i] = value == null ? absent(record.types[i], prefix + record.names[i])
                        : bind(value, record.genericTypes[i], record.types[i], prefix + record.names[i]);
            }
            for (String key : object.keySet()) {
                if (!record.known.contains(key)) {
                    shape.add(new FieldError(key.matches("[A-Za-z][A-Za-z0-9_]{0,39}") ? prefix + key : prefix + "?",
                            "is not a field of this request"));
                }
            }
            if (!shape.isEmpty() || !rules.isEmpty()) {
                return null;
            }
            try {
                return record.canonical.newInstance(values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + type.getName(), e);
            }
        }

        private Object absent(Class<?> type, String path) {
            if (type.isPrimitive()) {
                shape.add(new FieldError(path, "is required"));
            }
            return null;
        }
    }

    /**
     * What binding needs of a record type, read once per type: the JDK builds a record's components anew at every
     * call, and reading them at every request was a tenth of the time spent outside the service.
     */
    private static final class RecordShape {

        static final ClassValue<RecordShape> OF = new ClassValue<>() {
            @Override
            protected RecordShape computeValue(Class<?> type) {
                return new RecordShape(type);
            }
        };

        final String[] names;
        final Class<?>[] types;
        final Type[] genericTypes;
        final Set<String> known;
        final Constructor<?> canonical;

        private RecordShape(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            names = new String[components.length];
            types = new Class<?>[components.length];
            genericTypes = new Type[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = components[i].getType();
                genericTypes[i] = components[i].getGenericType();
            }
            known = Set.of(names);
            try {
                canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + type.getName(), e);
            }
        }
    }
}
