/**
 * The case file: the acceptance review's decisions ({@link org.weiquan.casefile.ReviewService}), the
 * {@link org.weiquan.casefile.Case} an accepted contact becomes and its number (per station and year, without
 * gaps), and its handling ({@link org.weiquan.casefile.HandlingService}): handling rounds with their deadlines
 * and the one extension each, closure requests and approvals with their evidence, written replies, follow-up
 * visits, reopening, withdrawal and transfer; case search.
 *
 * <p>Depends on {@code intake} (a case is an accepted contact), {@code station}, {@code security},
 * {@code timeline}, {@code privacy} (search by phone), {@code workflow} (the port to the engine) and
 * {@code shared}. Knows nothing of the engine, REST or Faces.
 */
package org.weiquan.casefile;
