package org.weiquan.infrastructure;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plain SQL for the migration tests, with values the same on PostgreSQL and H2: instants for both kinds of
 * timestamps (the engine's are local times of this JVM, UTC under surefire), dates, longs for whole numbers.
 */
final class Sql {

    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value(r, meta, i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    Map<String, Object> row(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new IllegalStateException(rows.size() + " rows, not one: " + sql);
        }
        return rows.get(0);
    }

    long count(String sql, Object... params) {
        return ((Number) row(sql, params).values().iterator().next()).longValue();
    }

    void execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static Object value(ResultSet r, ResultSetMetaData meta, int i) throws SQLException {
        String type = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
        if (type.contains("timestamptz") || type.contains("with time zone")) {
            OffsetDateTime t = r.getObject(i, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
        Object v = r.getObject(i);
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal b && b.scale() <= 0) {
            return b.longValueExact();
        }
        return v;
    }

    static Instant instant(Object v) {
        return (Instant) v;
    }

    static LocalDate date(Object v) {
        return (LocalDate) v;
    }
}
