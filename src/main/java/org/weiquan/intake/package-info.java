/**
 * Intake: every letter, visit, call or message registered as a {@link org.weiquan.intake.Contact},
 * and its acceptance review ({@code bpmn/ContactReview.bpmn}), started in the same transaction.
 *
 * <p>Depends on {@code station}, {@code workflow}, {@code infrastructure} and {@code shared}.
 * Knows nothing of REST or Faces.
 */
package org.weiquan.intake;
