/**
 * The workflow adapter: the embedded Camunda 7 engine (built, started and closed with the
 * application, on the application's DataSource and the container's JTA transaction manager), the
 * deployment of the models in {@code bpmn/}, and the read model of open tasks.
 *
 * <p>Depends on {@code infrastructure} and {@code shared}. Capabilities start their processes and
 * provide their delegates themselves; nothing here knows what a contact or a case is.
 */
package org.weiquan.workflow;
