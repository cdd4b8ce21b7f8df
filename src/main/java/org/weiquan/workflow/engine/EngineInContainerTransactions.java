package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.cdi.CdiJtaProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The engine's configuration with its transaction interceptor replaced by one that begins and joins transactions
 * through {@link ContainerTransactions}, so that the container enlists the engine's connections in them.
 */
class EngineInContainerTransactions extends CdiJtaProcessEngineConfiguration {

    private final ContainerTransactions container;

    EngineInContainerTransactions(ContainerTransactions container) {
        this.container = container;
    }

    @Override
    protected CommandInterceptor createTransactionInterceptor(boolean requiresNew) {
        return new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                try {
                    return requiresNew ? container.requiresNew(() -> next.execute(command))
                            : container.required(() -> next.execute(command));
                } catch (ContainerTransactions.Failed failed) {
                    throw failed.command();
                }
            }
        };
    }
}
