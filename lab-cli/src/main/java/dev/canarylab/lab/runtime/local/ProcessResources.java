package dev.canarylab.lab.runtime.local;

import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * CPU time and resident memory of a process and every descendant, read from the operating system by OSHI (on
 * Linux from {@code /proc}): what any instance uses, JVM or not, whatever it exports itself. A tree, because a
 * service may be a wrapper whose work is done by its children.
 */
final class ProcessResources {

    /** One reading of a tree. NaN when the root is gone. */
    record Usage(double cpuSeconds, double residentBytes, int processes) {
        static final Usage NONE = new Usage(Double.NaN, Double.NaN, 0);
    }

    private final OperatingSystem os;

    ProcessResources() {
        this.os = new SystemInfo().getOperatingSystem();
    }

    /**
     * CPU seconds (user and system, a counter that drops when a child exits: the scraper's steps then say
     * nothing) and resident bytes (summed, so pages the processes share count once per process, as {@code ps} shows).
     */
    Usage of(long rootPid) {
        if (rootPid <= 0) {
            return Usage.NONE;
        }
        OSProcess root = os.getProcess((int) rootPid);
        if (root == null) {
            return Usage.NONE;
        }
        List<OSProcess> tree = new ArrayList<>();
        tree.add(root);
        tree.addAll(os.getDescendantProcesses((int) rootPid, null, null, 0));
        long cpuMs = 0;
        long rss = 0;
        for (OSProcess p : tree) {
            cpuMs += p.getKernelTime() + p.getUserTime();
            rss += p.getResidentSetSize();
        }
        return new Usage(cpuMs / 1000.0, rss, tree.size());
    }
}
