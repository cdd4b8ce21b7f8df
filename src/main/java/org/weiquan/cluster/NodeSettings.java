package org.weiquan.cluster;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * Which node this is and how it works with the others, from MicroProfile Config:
 * <ul>
 *   <li>{@code WEIQUAN_NODE_NAME}: the name in the request log, {@code /health} and the engine's job
 *       locks (default: the host name);</li>
 *   <li>{@code WEIQUAN_CLUSTER}: the other members of the data grid (set by {@code bin/weiquan-node},
 *       which also passes it to Payara Micro); unset means a single node;</li>
 *   <li>{@code WEIQUAN_JOB_LOCK_SECONDS}: how long a node's lock on a due job lasts (default 300 s): when
 *       a node dies holding jobs, another node runs them once the locks have expired;</li>
 *   <li>{@code WEIQUAN_JOB_MAX_WAIT_SECONDS}: the longest pause of an idle job executor between two looks
 *       for due jobs (default 60 s), i.e. how late a timer may fire on a quiet node.</li>
 * </ul>
 */
public record NodeSettings(String name, Optional<String> cluster, Duration jobLockTime, Duration jobMaxIdleWait) {

    private static final int MAX_NAME = 64;

    public static NodeSettings fromConfig() {
        Config config = ConfigProvider.getConfig(NodeSettings.class.getClassLoader());
        String name = config.getOptionalValue("weiquan.node.name", String.class)
                .filter(s -> !s.isBlank()).orElseGet(NodeSettings::hostName);
        Optional<String> cluster = config.getOptionalValue("weiquan.cluster", String.class).filter(s -> !s.isBlank());
        long lock = config.getOptionalValue("weiquan.job.lock.seconds", Long.class).orElse(300L);
        long wait = config.getOptionalValue("weiquan.job.max.wait.seconds", Long.class).orElse(60L);
        if (lock < 10 || wait < 1) {
            throw new IllegalStateException("WEIQUAN_JOB_LOCK_SECONDS must be at least 10 and "
                    + "WEIQUAN_JOB_MAX_WAIT_SECONDS at least 1");
        }
        return new NodeSettings(safe(name), cluster, Duration.ofSeconds(lock), Duration.ofSeconds(wait));
    }

    /** True when this node runs with others and shares logins through the data grid. */
    public boolean clustered() {
        return cluster.isPresent();
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "weiquan";
        }
    }

    /** A name fit for a log line: letters, digits, dot, dash and underscore. */
    static String safe(String name) {
        String cleaned = name.strip().replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > MAX_NAME ? cleaned.substring(0, MAX_NAME) : cleaned;
    }
}
