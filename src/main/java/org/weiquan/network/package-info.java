/**
 * Network administration (issue 18): the county administrator creates, renames, describes, moves and
 * closes stations, keeps the partner agencies, and loads or saves the whole network as one CSV file; every
 * change is recorded with who, when, before and after.
 *
 * <p>Depends on {@code station} (the tree it edits), {@code security} (only an administrator of the root
 * station acts), {@code infrastructure} (the network lock) and {@code shared}. Reads the open cases and
 * contacts of a station with SQL only, to know whether it may close.
 */
package org.weiquan.network;
