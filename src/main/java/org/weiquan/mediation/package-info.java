/**
 * Mediation (人民调解法): the sessions of a case's mediation, numbered within the case, and the agreement a
 * session ends in — written (调解协议书, with its judicial-confirmation window of 30 days) or oral — or its
 * termination with the routes explained.
 *
 * <p>Depends on {@code casefile} (the case it belongs to), {@code security} (who acts), {@code timeline} and
 * {@code shared}. Knows nothing of REST, Faces or the engine: task completion calls in through
 * {@link org.weiquan.mediation.MediationService}.
 */
package org.weiquan.mediation;
