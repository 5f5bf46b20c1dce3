package dev.canarylab.lab.command;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Ctrl-C (SIGINT, or a SIGTERM) for a command that winds down instead of dying: a JVM shutdown hook asks the work
 * to stop, waits up to a grace period for the command to say it has finished ({@link #done}), then runs what must
 * happen either way. The JVM exits once the hook returns, so whatever the command still prints after a Ctrl-C must
 * come before {@link #done}.
 */
final class CtrlC implements AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean pressed = new AtomicBoolean();
    private final Runnable stop;
    private final Duration grace;
    private final Consumer<Boolean> then;
    private final Thread hook;

    private CtrlC(String name, Runnable stop, Duration grace, Consumer<Boolean> then) {
        this.stop = stop;
        this.grace = grace;
        this.then = then;
        this.hook = new Thread(this::windDown, name);
    }

    /**
     * Installs the hook.
     *
     * @param stop  asks the work to stop (from the hook's thread)
     * @param grace how long the command may take to finish after {@code stop}
     * @param then  runs last, told whether the command finished within the grace period
     */
    static CtrlC install(String name, Runnable stop, Duration grace, Consumer<Boolean> then) {
        CtrlC c = new CtrlC(name, stop, grace, then);
        java.lang.Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /** Installs a hook that only runs {@code stop}, without waiting for the command. */
    static CtrlC install(String name, Runnable stop) {
        return install(name, stop, Duration.ZERO, inTime -> { });
    }

    /** Whether Ctrl-C was pressed (the hook has started). */
    boolean pressed() {
        return pressed.get();
    }

    /** The command has finished (and printed what it prints): a waiting hook may let the JVM exit. */
    void done() {
        finished.countDown();
    }

    /** Removes the hook and winds down now, in this thread: for a command that fails before its work starts. */
    void windDownNow() {
        if (remove()) {
            windDown();
        }
    }

    /**
     * Marks the command done and removes the hook.
     *
     * @return false when the JVM is already shutting down (Ctrl-C), so the hook does the winding down
     */
    boolean remove() {
        done();
        try {
            return java.lang.Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    @Override
    public void close() {
        remove();
    }

    private void windDown() {
        pressed.set(true);
        stop.run();
        boolean inTime;
        try {
            inTime = grace.isZero() || finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inTime = false;
        }
        then.accept(inTime);
    }
}
