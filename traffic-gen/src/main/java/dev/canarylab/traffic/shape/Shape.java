package dev.canarylab.traffic.shape;

import dev.canarylab.traffic.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The arrival-rate curve of an open-model run: how many new requests per second, over time, whatever the
 * response times. Each shape unrolls into {@link Segment}s that Gatling injects as constant or ramped rates.
 */
public sealed interface Shape {

    /** The segments covering exactly {@code total}, the last one cut short if needed. */
    List<Segment> segments(Duration total);

    /** How the shape reads in progress lines and the summary, e.g. "ramp 10 -> 100 rps over 30s". */
    String describe();

    /** A steady rate. */
    record Constant(double rps) implements Shape {
        public Constant {
            requireRate("rps", rps, false);
        }

        @Override
        public List<Segment> segments(Duration total) {
            return List.of(Segment.constant(rps, total));
        }

        @Override
        public String describe() {
            return "constant " + rate(rps) + " rps";
        }
    }

    /** From {@code fromRps} to {@code toRps} linearly over {@code over}, then {@code toRps} until the end. */
    record Ramp(double fromRps, double toRps, Duration over) implements Shape {
        public Ramp {
            requireRate("from rps", fromRps, true);
            requireRate("rps", toRps, true);
            requireSomeTraffic(fromRps, toRps);
            requirePositive("ramp duration", over);
        }

        @Override
        public List<Segment> segments(Duration total) {
            List<Segment> plan = new ArrayList<>();
            plan.add(new Segment(fromRps, toRps, over));
            if (over.compareTo(total) < 0) {
                plan.add(Segment.constant(toRps, total.minus(over)));
            }
            return Segments.cut(plan, total);
        }

        @Override
        public String describe() {
            return "ramp " + rate(fromRps) + " -> " + rate(toRps) + " rps over " + Durations.format(over);
        }
    }

    /** {@code baseRps}, with a burst at {@code spikeRps} lasting {@code length} at the end of every {@code every}. */
    record Spike(double baseRps, double spikeRps, Duration every, Duration length) implements Shape {
        public Spike {
            requireRate("rps", baseRps, true);
            requireRate("spike rps", spikeRps, false);
            requirePositive("spike period", every);
            requirePositive("spike length", length);
            if (length.compareTo(every) >= 0) {
                throw new IllegalArgumentException("the spike length must be shorter than the spike period");
            }
        }

        @Override
        public List<Segment> segments(Duration total) {
            return Segments.cycle(List.of(
                    Segment.constant(baseRps, every.minus(length)),
                    Segment.constant(spikeRps, length)), total);
        }

        @Override
        public String describe() {
            return "spike " + rate(baseRps) + " rps with " + Durations.format(length) + " at " + rate(spikeRps)
                    + " rps every " + Durations.format(every);
        }
    }

    /** A staircase of {@code steps} equal levels from {@code fromRps} to {@code toRps}, then {@code toRps}. */
    record Steps(double fromRps, double toRps, int steps, Duration stepLength) implements Shape {
        public Steps {
            requireRate("from rps", fromRps, true);
            requireRate("rps", toRps, true);
            requireSomeTraffic(fromRps, toRps);
            if (steps < 2) {
                throw new IllegalArgumentException("steps must be at least 2, got " + steps);
            }
            requirePositive("step length", stepLength);
        }

        @Override
        public List<Segment> segments(Duration total) {
            List<Segment> plan = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                double level = fromRps + (toRps - fromRps) * i / (steps - 1);
                boolean last = i == steps - 1;
                Duration length = last ? Segments.longest(stepLength, total.minus(stepLength.multipliedBy(i)))
                        : stepLength;
                plan.add(Segment.constant(level, length));
            }
            return Segments.cut(plan, total);
        }

        @Override
        public String describe() {
            return "steps " + rate(fromRps) + " -> " + rate(toRps) + " rps in " + steps + " steps of "
                    + Durations.format(stepLength);
        }
    }

    /** A slow wave around {@code meanRps}, {@code amplitudeRps} up and down, one cycle per {@code period}. */
    record Sine(double meanRps, double amplitudeRps, Duration period) implements Shape {
        /** Straight pieces per cycle: close enough to a curve on any dashboard, few enough for Gatling. */
        static final int PIECES_PER_PERIOD = 24;

        public Sine {
            requireRate("rps", meanRps, false);
            requireRate("amplitude", amplitudeRps, true);
            if (amplitudeRps > meanRps) {
                throw new IllegalArgumentException("the amplitude (" + rate(amplitudeRps)
                        + ") must not exceed the mean rate (" + rate(meanRps) + "), or the rate would go negative");
            }
            if (period.compareTo(Duration.ofSeconds(10)) < 0) {
                throw new IllegalArgumentException("the sine period must be at least 10s, got " + Durations.format(period));
            }
        }

        @Override
        public List<Segment> segments(Duration total) {
            Duration piece = period.dividedBy(PIECES_PER_PERIOD);
            List<Segment> cycle = new ArrayList<>(PIECES_PER_PERIOD);
            for (int i = 0; i < PIECES_PER_PERIOD; i++) {
                cycle.add(new Segment(at(i), at(i + 1), piece));
            }
            return Segments.cycle(cycle, total);
        }

        private double at(int piece) {
            return Math.max(0, meanRps + amplitudeRps * Math.sin(2 * Math.PI * piece / PIECES_PER_PERIOD));
        }

        @Override
        public String describe() {
            return "sine " + rate(meanRps) + " +/- " + rate(amplitudeRps) + " rps every " + Durations.format(period);
        }
    }

    private static void requireRate(String name, double value, boolean zeroAllowed) {
        if (!Double.isFinite(value) || value < 0 || (!zeroAllowed && value == 0)) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or more" : "more than zero")
                    + ", got " + value);
        }
    }

    private static void requireSomeTraffic(double fromRps, double toRps) {
        if (fromRps == 0 && toRps == 0) {
            throw new IllegalArgumentException("from rps and rps are both zero: there would be no traffic");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be more than zero");
        }
    }

    /** A rate as people write it: "50", "2.5". */
    static String rate(double rps) {
        return rps == Math.rint(rps) ? Long.toString((long) rps) : Double.toString(rps);
    }
}
