package dev.canarylab.traffic.shape;

import java.time.Duration;
import java.util.List;

/** A shape laid over a run of known length: what rate is asked for when, and how many arrivals in all. */
public final class Profile {

    private final Shape shape;
    private final Duration total;
    private final List<Segment> segments;

    public Profile(Shape shape, Duration total) {
        this.shape = shape;
        this.total = total;
        this.segments = List.copyOf(shape.segments(total));
    }

    public Shape shape() {
        return shape;
    }

    public Duration total() {
        return total;
    }

    public List<Segment> segments() {
        return segments;
    }

    /**
     * When the first arrival is due: the end of any leading stretch at rate zero. Gatling sends a segment's
     * first user at the segment's start, so this is when the first request goes out on time.
     */
    public Duration firstArrival() {
        Duration t = Duration.ZERO;
        for (Segment s : segments) {
            if (s.fromRps() > 0 || s.toRps() > 0) {
                return t;
            }
            t = t.plus(s.length());
        }
        return t;
    }

    /** Arrivals the whole run asks for. */
    public double plannedArrivals() {
        return arrivalsWithin(total);
    }

    /** Arrivals asked for in the first {@code elapsed} of the run. */
    public double arrivalsWithin(Duration elapsed) {
        double left = elapsed.toNanos() / 1e9;
        double sum = 0;
        for (Segment s : segments) {
            if (left <= 0) {
                break;
            }
            sum += s.arrivalsWithin(left);
            left -= s.seconds();
        }
        return sum;
    }

    /** The mean requested rate between two instants of the run. */
    public double meanRps(Duration from, Duration to) {
        double secs = (to.toNanos() - from.toNanos()) / 1e9;
        return secs <= 0 ? 0 : (arrivalsWithin(to) - arrivalsWithin(from)) / secs;
    }
}
