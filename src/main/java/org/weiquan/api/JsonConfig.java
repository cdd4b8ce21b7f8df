package org.weiquan.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.weiquan.shared.StationTime;

import java.time.Instant;
import java.time.OffsetDateTime;

/** JSON of the API: instants are shown in the stations' zone with their offset (2026-03-02T09:30:00+08:00). */
@Provider
public class JsonConfig implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withAdapters(new StationInstant()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** An instant as Beijing time with offset, and back. */
    public static class StationInstant implements JsonbAdapter<Instant, String> {
        @Override
        public String adaptToJson(Instant instant) {
            return StationTime.of(instant).toString();
        }

        @Override
        public Instant adaptFromJson(String text) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }
}
