/**
 * Security: who is acting ({@link org.weiquan.security.Actor}), from which station, in which roles,
 * and the scope that follows (the station's subtree, DESIGN §4).
 *
 * <p>Depends on {@code station}, {@code infrastructure}, {@code cluster} (logins shared by the nodes) and
 * {@code shared}. Services ask {@link org.weiquan.security.CurrentActor}
 * who acts and filter every query by its scope.
 */
package org.weiquan.security;
