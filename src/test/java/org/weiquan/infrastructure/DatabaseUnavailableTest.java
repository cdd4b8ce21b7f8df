package org.weiquan.infrastructure;

import jakarta.ejb.EJBException;
import jakarta.transaction.SystemException;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    /** As Payara's transaction manager reports a local transaction's failed commit: the driver's error is not chained. */
    private static SystemException failedCommit(int xaErrorCode) {
        XAException resource = new XAException("jakarta.resource.spi.LocalTransactionException: An I/O error occurred");
        resource.errorCode = xaErrorCode;
        SystemException failed = new SystemException();
        failed.initCause(resource);
        return failed;
    }

    @Test
    void aCommitThatTheDatabaseCouldNotCompleteIsTemporaryEvenWhenTheContainerWrapsIt() {
        assertThat(DatabaseUnavailable.in(failedCommit(XAException.XAER_RMERR))).contains(DatabaseUnavailable.Reason.COMMIT_FAILED);
        assertThat(DatabaseUnavailable.in(new EJBException(failedCommit(XAException.XAER_RMFAIL))))
                .contains(DatabaseUnavailable.Reason.COMMIT_FAILED);
        assertThat(DatabaseUnavailable.in(new EJBException(new SystemException("no cause given"))))
                .contains(DatabaseUnavailable.Reason.COMMIT_FAILED);
    }

    @Test
    void theDriversConnectionErrorSaysUnreachableAndOutranksTheFailedCommit() {
        SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(DatabaseUnavailable.in(new EJBException(new IllegalStateException(io))))
                .contains(DatabaseUnavailable.Reason.UNREACHABLE);
        SystemException commit = failedCommit(XAException.XAER_RMERR);
        commit.getCause().initCause(io);
        assertThat(DatabaseUnavailable.in(commit)).contains(DatabaseUnavailable.Reason.UNREACHABLE);
    }

    @Test
    void aBugIsNotTheDatabasesUnavailability() {
        assertThat(DatabaseUnavailable.in(new EJBException(new IllegalStateException("a bug")))).isEmpty();
        assertThat(DatabaseUnavailable.in(new SQLException("duplicate key", "23505"))).isEmpty();
        assertThat(DatabaseUnavailable.in(failedCommit(XAException.XAER_PROTO))).as("a misuse of the protocol").isEmpty();
    }
}
