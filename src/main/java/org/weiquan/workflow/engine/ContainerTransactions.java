package org.weiquan.workflow.engine;

import jakarta.annotation.Resource;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.function.Supplier;

/**
 * Runs the engine's commands in the container's transactions ({@link EngineInContainerTransactions}). The container
 * enlists a connection in the transaction of the calling component: one begun through the TransactionManager, as
 * the engine's own interceptor begins them for the job executor, is not the component's, so its statements
 * committed one by one (a timer whose firing was recorded while its job stayed, when a node died in between).
 * Begun or joined by this bean, the transaction is the component's.
 */
@Stateless
public class ContainerTransactions {

    @Resource
    SessionContext context;

    /** In the caller's transaction, or a new one when there is none. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public <T> T required(Supplier<T> work) {
        return run(work);
    }

    /** In a transaction of its own, the caller's suspended meanwhile. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T requiresNew(Supplier<T> work) {
        return run(work);
    }

    private <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            // rolled back (or marked so, when joined) as the engine's own interceptor did; the exception goes back
            // to the engine unwrapped, without the container's system-exception handling and its log
            context.setRollbackOnly();
            throw new Failed(e);
        }
    }

    /** Carries the command's exception through the container to {@link EngineInContainerTransactions}. */
    @ApplicationException(rollback = true)
    static final class Failed extends RuntimeException {
        Failed(RuntimeException cause) {
            super(null, cause, false, false);
        }

        RuntimeException command() {
            return (RuntimeException) getCause();
        }
    }
}
