package org.weiquan.infrastructure;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The H2 database's copy into the inbox's table ({@code inbox_task}, written by the engine's task listeners) of what
 * lives in Weiquan's own tables: where a case or a contact lies now and the case's risk, after a case or contact is
 * inserted or changed and after a station moved in the network. PostgreSQL does the same with the PL/pgSQL
 * functions {@code inbox_follow_case}, {@code inbox_follow_contact} and {@code inbox_follow_station} (V93).
 */
public class InboxTrigger implements Trigger {

    private String table = "";
    private final Map<String, Integer> columns = new HashMap<>();

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) throws SQLException {
        this.table = tableName.toLowerCase(Locale.ROOT);
        DatabaseMetaData meta = conn.getMetaData();
        try (ResultSet rs = meta.getColumns(null, schemaName, tableName, null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("ORDINAL_POSITION") - 1);
            }
        }
    }

    private Object value(Object[] row, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            throw new IllegalStateException(table + " has no column " + column);
        }
        return row == null ? null : row[index];
    }

    /** Only when a value the inbox copies changed: most updates of a case touch other columns. */
    private boolean changed(Object[] oldRow, Object[] newRow, String... copied) {
        if (oldRow == null) {
            return true;
        }
        for (String column : copied) {
            if (!Objects.equals(value(oldRow, column), value(newRow, column))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow == null) {
            return;
        }
        switch (table) {
            case "case_file" -> {
                if (changed(oldRow, newRow, "station_id", "risk_level")) {
                    update(conn, "UPDATE inbox_task SET station_id = ?,"
                                    + " station_path = (SELECT s.path FROM station s WHERE s.id = ?),"
                                    + " risk_rank = CASE COALESCE(?, process_risk)"
                                    + " WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'LOW' THEN 2 ELSE 3 END"
                                    + " WHERE case_number = ?",
                            value(newRow, "station_id"), value(newRow, "station_id"), value(newRow, "risk_level"),
                            value(newRow, "number"));
                }
            }
            case "contact" -> {
                if (changed(oldRow, newRow, "station_id")) {
                    update(conn, "UPDATE inbox_task SET station_id = ?,"
                                    + " station_path = (SELECT s.path FROM station s WHERE s.id = ?)"
                                    + " WHERE contact_id = ? AND case_number IS NULL",
                            value(newRow, "station_id"), value(newRow, "station_id"), value(newRow, "id"));
                }
            }
            case "station" -> {
                if (changed(oldRow, newRow, "path")) {
                    update(conn, "UPDATE inbox_task SET station_path = ? WHERE station_id = ?",
                            value(newRow, "path"), value(newRow, "id"));
                }
            }
            default -> throw new IllegalStateException("no inbox copy for " + table);
        }
    }

    private static void update(Connection conn, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = conn.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
