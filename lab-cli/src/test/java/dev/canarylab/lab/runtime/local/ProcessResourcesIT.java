package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** CPU and resident memory of a process tree that is not a JVM, from the operating system. */
class ProcessResourcesIT {

    @Test
    void cpuAndResidentMemoryOfAShellWrappedPythonTreeAreRead() throws Exception {
        // The wrapper does no work: a busy Python child and one holding 64 MB it has written (so resident).
        Process p = new ProcessBuilder("sh", "-c",
                "python3 -c 'while True: pass' & python3 -c 'import time; b = b\"x\" * (64 << 20); time.sleep(60)' & wait")
                .start();
        try {
            ProcessResources os = new ProcessResources();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            ProcessResources.Usage first = os.of(p.pid());
            while (first.residentBytes() < 64 << 20 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                first = os.of(p.pid());
            }
            assertThat(first.processes()).as("the wrapper and its two children").isEqualTo(3);
            // Read independently: the kernel's VmRSS of each process of the tree, in kB.
            long procRss = 0;
            for (ProcessHandle h : java.util.stream.Stream.concat(java.util.stream.Stream.of(p.toHandle()),
                    p.descendants()).toList()) {
                String status = Files.readString(Path.of("/proc", Long.toString(h.pid()), "status"));
                procRss += Long.parseLong(status.lines().filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow()
                        .replaceAll("\\D", "")) * 1024;
            }
            assertThat(first.residentBytes()).as("resident bytes of the tree")
                    .isGreaterThanOrEqualTo(64 << 20).isBetween(procRss * 0.9, procRss * 1.1);
            Thread.sleep(2000);
            ProcessResources.Usage second = os.of(p.pid());
            // A busy loop on a busy 2-core machine still gets some of a core in 2 s.
            assertThat(second.cpuSeconds() - first.cpuSeconds()).as("CPU seconds used in 2 s by the busy child")
                    .isGreaterThan(0.05);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        assertThat(new ProcessResources().of(p.pid()).residentBytes()).as("a process that is gone").isNaN();
    }
}
