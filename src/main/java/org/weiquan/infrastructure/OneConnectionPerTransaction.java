package org.weiquan.infrastructure;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The application's DataSource as JPA, the process engine and Weiquan's own SQL use it: within a JTA transaction
 * every {@link #getConnection()} answers the one pooled connection the transaction took first; closing it does
 * nothing, and it goes back to the pool when the transaction ends. Outside a transaction it is the pool itself.
 *
 * <p>Why: the container shares a transaction's local (non-XA) connection with a second {@code getConnection()} only
 * while the first handle is closed. EclipseLink holds its handle for the whole transaction, and the engine holds its
 * handle for a command while a task listener asks for one, so each of them took a further connection from the pool
 * for a moment, while holding one. With every connection held by a request waiting for one more, all of them
 * waited until their 5 s ran out and answered 503 (seen at 32 clients). One borrow per transaction also saves the
 * pool's bookkeeping of the seventeen an intake made.
 *
 * <p>Only a connection the container has enlisted in the transaction is shared (see {@link #getConnection()}).
 */
public final class OneConnectionPerTransaction implements DataSource {

    /** One key for every instance: JPA's, the engine's and Weiquan's share the transaction's connection. */
    private static final Object KEY = OneConnectionPerTransaction.class.getName() + ".connection";

    private final DataSource pool;
    private final TransactionSynchronizationRegistry transactions;

    public OneConnectionPerTransaction(DataSource pool, TransactionSynchronizationRegistry transactions) {
        this.pool = pool;
        this.transactions = transactions;
    }

    @Override
    public Connection getConnection() throws SQLException {
        int status = transactions.getTransactionStatus();
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            return pool.getConnection();
        }
        Connection held = (Connection) transactions.getResource(KEY);
        if (held == null) {
            if (status != Status.STATUS_ACTIVE) {
                return pool.getConnection();
            }
            Connection fresh = pool.getConnection();
            if (fresh.getAutoCommit()) {
                // not enlisted: the container enlists a connection in the transaction of the calling component, and a
                // transaction begun through the TransactionManager (the engine's job executor, @Transactional) is not
                // one; sharing this connection would make every statement of the transaction commit on its own
                return fresh;
            }
            try {
                transactions.registerInterposedSynchronization(new ReturnAfter(fresh));
            } catch (IllegalStateException completing) {
                // the transaction is already completing (a first statement in a flush before its commit): a handle
                // of its own, closed by its user, as every handle was before this class
                return fresh;
            }
            transactions.putResource(KEY, fresh);
            held = fresh;
        }
        return shared(held);
    }

    /** A handle on the transaction's connection whose {@code close()} leaves it open for the transaction's others. */
    private static Connection shared(Connection held) {
        return (Connection) Proxy.newProxyInstance(OneConnectionPerTransaction.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new SharedHandle(held));
    }

    private static final class SharedHandle implements InvocationHandler {
        private final Connection held;
        private boolean closed;

        SharedHandle(Connection held) {
            this.held = held;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    closed = true;
                    return null;
                case "isClosed":
                    return closed || held.isClosed();
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "shared " + held;
                default:
                    if (closed) {
                        throw new SQLException("this connection handle is closed");
                    }
                    try {
                        return method.invoke(held, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }
    }

    /** Gives the transaction's connection back to the pool once the transaction has ended, either way. */
    private record ReturnAfter(Connection held) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            try {
                held.close();
            } catch (SQLException e) {
                // the pool has the connection either way; a failed close only means it was already broken
                Logger.getLogger(OneConnectionPerTransaction.class.getName())
                        .warning("a connection could not be given back after its transaction: " + e.getSQLState());
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
