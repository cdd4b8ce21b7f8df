/**
 * Running as one of several identical nodes on one database: the node's name (in the request log and
 * {@code /health}), its settings from {@code WEIQUAN_CLUSTER} and friends, and the logins that the nodes
 * share through Payara Micro's data grid so that a browser stays logged in when its node dies.
 *
 * <p>Depends on nothing of the domain; {@code security}, {@code infrastructure} and the engine's bootstrap
 * use it. The data grid holds user names and hashed login tokens only, never personal data.
 */
package org.weiquan.cluster;
