package dev.canarylab.traffic;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM and Ctrl-C into a clean stop. The JVM runs shutdown hooks while the main thread carries on, so
 * the hook asks the run to stop, waits for the summary to be written, then ends the process with the run's own
 * exit code (instead of 143) so a stopped run still reports its assertions.
 */
final class GracefulStop {

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile int exitCode = 128 + 15;

    GracefulStop(Runnable stopRun, Duration grace) {
        this.hook = new Thread(() -> {
            stopRun.run();
            try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(exitCode);
        }, "traffic-gen-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run is over and its output written: a pending stop may end the process with {@code code}. */
    void finished(int code) {
        exitCode = code;
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // A signal arrived: the hook is already running and will exit with this code.
        }
    }
}
