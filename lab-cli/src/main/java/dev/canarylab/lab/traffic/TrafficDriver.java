package dev.canarylab.lab.traffic;

/**
 * Load against the lab's router, on behalf of {@code lab traffic start|stop}. One run at a time.
 * Implemented by starting traffic-gen as a process; traffic-gen's Java API (issue 3) can take its place.
 */
public interface TrafficDriver extends AutoCloseable {

    /** Starts a run against {@code target} with traffic-gen flags; returns a one-line description. */
    String start(String target, java.util.List<String> flags);

    /** Stops the run (as Ctrl-C would) and returns its last summary lines; empty when none was running. */
    String stop();

    boolean running();

    @Override
    void close();
}
