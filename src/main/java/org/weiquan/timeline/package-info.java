/**
 * The timeline (办理记录): an append-only record of everything that happened to a contact and its
 * case — who, what, when, from where, and old → new for the fields that changed. The database
 * refuses UPDATE and DELETE on it (trigger); nothing in Java updates it either.
 *
 * <p>Depends on {@code security} (who acts) and {@code shared}. Refers to contacts and cases by id only,
 * so that every capability can write to it.
 */
package org.weiquan.timeline;
