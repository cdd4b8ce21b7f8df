/**
 * The embedded Camunda 7 engine behind the workflow port: built, started and closed with the application on
 * its DataSource in the container's transactions (begun or joined by the EJB {@code ContainerTransactions}, so that
 * the container enlists the engine's connections), deploying the models in {@code bpmn/}
 * ({@link org.weiquan.workflow.engine.ProcessEngineBootstrap}); the port's implementation
 * ({@link org.weiquan.workflow.engine.CamundaCaseWorkflow}); the models' service tasks as named CDI beans
 * ({@link org.weiquan.workflow.engine.Delegates}); who acts, told to the engine per request; the inbox's own table
 * ({@code inbox_task}), kept by task listeners on every user task and read a page at a time ({@code InboxRows},
 * {@code InboxSql}).
 *
 * <p>Depends on {@code cluster} (the node's settings for the job executor), {@code workflow}, {@code casework} (the task ids), {@code casefile} (the delegates' work),
 * {@code security}, {@code infrastructure} and {@code shared}. The only package that imports the engine.
 */
package org.weiquan.workflow.engine;
