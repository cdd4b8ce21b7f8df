package org.weiquan.infrastructure;

import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Login;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Gives JPA the application's DataSource that shares one connection per transaction with the process engine and
 * Weiquan's own SQL ({@link OneConnectionPerTransaction}); named in {@code persistence.xml}. The container hands
 * EclipseLink the pool itself, and a persistence unit cannot name a DataSource object.
 */
public class JpaConnections implements SessionCustomizer {

    @Override
    public void customize(Session session) throws NamingException {
        TransactionSynchronizationRegistry transactions = (TransactionSynchronizationRegistry)
                new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
        share(session.getDatasourceLogin(), transactions);
        if (session instanceof ServerSession server) {
            share(server.getReadConnectionPool().getLogin(), transactions);
        }
    }

    private static void share(Login login, TransactionSynchronizationRegistry transactions) {
        if (login instanceof DatasourceLogin datasourceLogin
                && datasourceLogin.getConnector() instanceof JNDIConnector connector
                && connector.getDataSource() != null
                && !(connector.getDataSource() instanceof OneConnectionPerTransaction)) {
            connector.setDataSource(new OneConnectionPerTransaction(connector.getDataSource(), transactions));
        }
    }
}
