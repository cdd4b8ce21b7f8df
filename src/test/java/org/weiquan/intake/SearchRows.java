package org.weiquan.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs a statement of {@link SameMatterSearch} on a plain JDBC connection, for the tests of its SQL. */
final class SearchRows {

    private SearchRows() {
    }

    /** Every row the statement gives, each as its columns' values. */
    static List<Object[]> of(Connection c, SameMatterSearch.Search search) throws SQLException {
        // JDBC numbers its parameters by position; the statement numbers them ?1, ?2 … in the same order
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(search.sql().replaceAll("\\?\\d+", "?"))) {
            for (int i = 0; i < search.parameters().size(); i++) {
                s.setObject(i + 1, search.parameters().get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Object[] row = new Object[r.getMetaData().getColumnCount()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = r.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
