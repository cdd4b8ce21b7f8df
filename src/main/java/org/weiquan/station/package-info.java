/**
 * The station hierarchy: county federation, sub-district centres, community stations and village service
 * rooms (DESIGN §4), with the partner agencies; kept in the database by the administrator (issue 18, package
 * {@code network}), seeded from {@code seeds/stations.csv} only into an empty database; and the subtree that
 * bounds what a user of a station may see.
 *
 * <p>Depends on {@code shared} and {@code infrastructure} only; every other capability may use it.
 */
package org.weiquan.station;
