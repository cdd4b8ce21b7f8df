/**
 * The work on a case: the one list of the models' user tasks and their form records
 * ({@link org.weiquan.casework.CaseTask}), the task inbox ({@link org.weiquan.casework.TaskInbox}), the
 * completion of a task with its typed form ({@link org.weiquan.casework.TaskCompletion}), what staff do to a
 * case outside its tasks ({@link org.weiquan.casework.CaseActions}) and the whole case file with every record of
 * its work ({@link org.weiquan.casework.CaseFileService}).
 *
 * <p>Depends on {@code casefile}, {@code mediation}, {@code referral}, {@code protection}, {@code intake},
 * {@code station}, {@code security}, {@code timeline}, {@code workflow} (the port) and {@code shared}.
 */
package org.weiquan.casework;
