/**
 * The case file: the acceptance review's decisions ({@link org.weiquan.casefile.ReviewService}), the
 * {@link org.weiquan.casefile.Case} an accepted contact becomes, its number (per station and year,
 * without gaps), the file view with its timeline, edits under optimistic locking, and search; the
 * case-handling process from the case's side ({@link org.weiquan.casefile.CaseHandlingProcess}), its
 * delegates, the forms of its tasks ({@link org.weiquan.casefile.TaskForms}) and the task inbox
 * ({@link org.weiquan.casefile.CaseTasks}).
 *
 * <p>Depends on {@code intake} (a case is an accepted contact), {@code timeline}, {@code security},
 * {@code station}, {@code workflow} and {@code shared}.
 */
package org.weiquan.casefile;
