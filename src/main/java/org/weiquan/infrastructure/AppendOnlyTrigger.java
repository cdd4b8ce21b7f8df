package org.weiquan.infrastructure;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The H2 database's guard for append-only tables (the timeline, the access log): refuses every
 * UPDATE and DELETE. PostgreSQL has the same guard as a PL/pgSQL trigger.
 */
public class AppendOnlyTrigger implements Trigger {

    private String table = "table";

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
                     int type) {
        this.table = tableName.toLowerCase();
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(table + " is append-only: rows are never changed or removed", "42501");
    }
}
