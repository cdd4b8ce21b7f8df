/**
 * Intake: every letter, visit, call or message registered as a {@link org.weiquan.intake.Contact} with its
 * parties and attachments, duplicate detection, and its acceptance review ({@code bpmn/ContactReview.bpmn}),
 * started through the workflow port in the same transaction. Who counts as a minor is said here
 * ({@link org.weiquan.intake.Minors}).
 *
 * <p>Depends on {@code station}, {@code security}, {@code timeline}, {@code privacy}, {@code calendar}
 * (working days), {@code workflow} (the port) and {@code shared}. Knows nothing of REST or Faces.
 */
package org.weiquan.intake;
