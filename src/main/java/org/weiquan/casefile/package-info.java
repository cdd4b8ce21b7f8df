/**
 * The case file: the acceptance review's decisions ({@link org.weiquan.casefile.ReviewService}), the
 * {@link org.weiquan.casefile.Case} an accepted contact becomes, its number (per station and year,
 * without gaps), the file view with its timeline, edits under optimistic locking, and search.
 *
 * <p>Depends on {@code intake} (a case is an accepted contact), {@code timeline}, {@code security},
 * {@code station}, {@code workflow} and {@code shared}.
 */
package org.weiquan.casefile;
