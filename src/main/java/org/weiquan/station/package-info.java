/**
 * The station hierarchy: county federation, sub-district centres, community stations and village
 * service rooms (DESIGN §4), loaded from {@code seeds/stations.csv}, and the subtree that bounds what
 * a user of a station may see.
 *
 * <p>Depends on {@code shared} and {@code infrastructure} only; every other capability may use it.
 */
package org.weiquan.station;
