/**
 * The port to the process engine ({@link org.weiquan.workflow.CaseWorkflow}): start a contact's review, a
 * case's handling and its referrals, tell them what happened, read and work their user tasks. The engine
 * decides what is due next; Weiquan's tables record what was done. The values crossing the port are ids,
 * codes, flags and dates, never personal data.
 *
 * <p>Depends on nothing in Weiquan. The adapter lives in {@code workflow.engine}, the only place that knows the
 * engine.
 */
package org.weiquan.workflow;
