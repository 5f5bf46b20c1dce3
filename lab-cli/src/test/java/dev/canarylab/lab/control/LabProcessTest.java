package dev.canarylab.lab.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Telling the lab's process from another that got its pid: start instant and command line. */
class LabProcessTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00.120Z");
    private static final LabProcess LAB = new LabProcess(START, "/usr/bin/java -jar lab-cli.jar up --port 8080");

    @Test
    void theSameProcessSeenFromAnotherJvmMatchesDespiteBootTimeJitter() {
        assertThat(LAB.matches(new LabProcess(START.plusMillis(1000), LAB.commandLine()))).isTrue();
        assertThat(LabProcess.find(ProcessHandle.current().pid(), LabProcess.current())).isPresent();
    }

    @Test
    void aProcessStartedLaterOrRunningAnotherCommandIsNotTheLab() {
        assertThat(LAB.matches(new LabProcess(START.plusSeconds(3600), LAB.commandLine()))).isFalse();
        assertThat(LAB.matches(new LabProcess(START, "sleep 60"))).isFalse();
        assertThat(LAB.matches(new LabProcess(null, null))).as("a process whose details cannot be read").isFalse();
    }

    @Test
    void theLiveProcessWithTheLabsPidButAnotherIdentityIsNotFound() {
        long me = ProcessHandle.current().pid();
        assertThat(LabProcess.find(me, new LabProcess(START, LabProcess.current().commandLine()))).isEmpty();
        assertThat(LabProcess.find(me, new LabProcess(LabProcess.current().start(), "sleep 60"))).isEmpty();
        assertThat(LabProcess.find(me, null)).as("a state file of an older release: the pid alone").isPresent();
    }
}
