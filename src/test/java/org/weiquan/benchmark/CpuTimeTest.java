package org.weiquan.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's CPU figures count a process that ended during a burst: PostgreSQL's backends end when the node's
 * pool closes a connection, and their time must not leave the burst's sum with them.
 */
@EnabledOnOs(OS.LINUX)
class CpuTimeTest {

    @Test
    void aChildThatEndedStillCountsInItsParentsTime() throws Exception {
        Path stat = Path.of("/proc/" + ProcessHandle.current().pid() + "/stat");
        String before = Files.readString(stat);
        // about half a second of a shell's CPU, then it ends and this JVM waits for it, as the server does a backend
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done").start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String after = Files.readString(stat);
        long ownTicks = CpuTime.ticks(after) - CpuTime.ticks(before);
        long withChildren = CpuTime.ticksWithChildren(after) - CpuTime.ticksWithChildren(before);
        assertThat(withChildren - ownTicks).as("ticks of the child that ended").isGreaterThanOrEqualTo(10);
    }
}
