package org.weiquan.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Payara Micro's data grid (Hazelcast), when this node runs in a cluster ({@code WEIQUAN_CLUSTER}); nothing
 * on a single node. Payara binds the grid's member at {@code payara/Hazelcast}.
 */
@ApplicationScoped
public class DataGrid {

    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());
    static final String JNDI_NAME = "payara/Hazelcast";

    private final NodeSettings settings = NodeSettings.fromConfig();
    private volatile HazelcastInstance member;
    private volatile boolean missingLogged;

    /** The grid's member in this JVM, or empty on a single node (or while Payara has not started it). */
    Optional<HazelcastInstance> member() {
        if (!settings.clustered()) {
            return Optional.empty();
        }
        HazelcastInstance m = member;
        if (m == null) {
            try {
                m = (HazelcastInstance) new InitialContext().lookup(JNDI_NAME);
                member = m;
            } catch (NamingException | ClassCastException e) {
                if (!missingLogged) {
                    missingLogged = true;
                    LOG.severe("WEIQUAN_CLUSTER is set but Payara Micro's data grid is not running"
                            + " (start the node with bin/weiquan-node, not with --nocluster): " + e.getClass().getSimpleName());
                }
                return Optional.empty();
            }
        }
        return m.getLifecycleService().isRunning() ? Optional.of(m) : Optional.empty();
    }

    /** A map of the grid, shared by every node; empty on a single node. */
    <K, V> Optional<IMap<K, V>> map(String name) {
        return member().map(m -> m.getMap(name));
    }

    /** How many nodes the grid has now; 1 on a single node. */
    public int members() {
        try {
            return member().map(m -> m.getCluster().getMembers().size()).orElse(1);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    public NodeSettings settings() {
        return settings;
    }
}
