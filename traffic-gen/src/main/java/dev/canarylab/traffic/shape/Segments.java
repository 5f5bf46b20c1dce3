package dev.canarylab.traffic.shape;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Helpers that lay segments end to end over a run of a given length. */
final class Segments {

    private Segments() {
    }

    /** The plan up to {@code total}: later segments dropped, the one crossing the end cut short. */
    static List<Segment> cut(List<Segment> plan, Duration total) {
        List<Segment> out = new ArrayList<>();
        Duration left = total;
        for (Segment s : plan) {
            if (left.isZero()) {
                break;
            }
            out.add(s.length().compareTo(left) <= 0 ? s : truncate(s, left));
            left = left.minus(out.get(out.size() - 1).length());
        }
        return out;
    }

    /** {@code pattern} repeated until {@code total}. */
    static List<Segment> cycle(List<Segment> pattern, Duration total) {
        Duration cycle = pattern.stream().map(Segment::length).reduce(Duration.ZERO, Duration::plus);
        long repeats = total.toNanos() / cycle.toNanos() + 1;
        List<Segment> plan = new ArrayList<>();
        for (long i = 0; i < repeats; i++) {
            plan.addAll(pattern);
        }
        return cut(plan, total);
    }

    static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Segment truncate(Segment s, Duration length) {
        double fraction = length.toNanos() / (double) s.length().toNanos();
        return new Segment(s.fromRps(), s.fromRps() + (s.toRps() - s.fromRps()) * fraction, length);
    }
}
