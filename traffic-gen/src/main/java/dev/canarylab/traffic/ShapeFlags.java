package dev.canarylab.traffic;

import dev.canarylab.traffic.shape.Shape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape flags as the CLI receives them, turned into a {@link Shape}, and a shape turned back into flags.
 * A flag that the chosen shape does not use is an error rather than silently ignored.
 */
record ShapeFlags(String shape, double rps, Double fromRps, Duration rampOver, Double spikeRps, Duration spikeEvery,
                  Duration spikeLength, Integer steps, Duration stepLength, Double amplitude, Duration period) {

    static final List<String> NAMES = List.of("constant", "ramp", "spike", "steps", "sine");

    Shape toShape(Duration duration, boolean untilStopped) {
        String name = shape.toLowerCase(Locale.ROOT);
        rejectUnused(name);
        return switch (name) {
            case "constant" -> new Shape.Constant(rps);
            case "ramp" -> new Shape.Ramp(or(fromRps, 0.0), rps,
                    rampOver != null ? rampOver : whole(duration, untilStopped, "--ramp-over"));
            case "spike" -> new Shape.Spike(rps, or(spikeRps, Math.max(1, 5 * rps)), or(spikeEvery, Duration.ofSeconds(30)),
                    or(spikeLength, Duration.ofSeconds(5)));
            case "steps" -> {
                int n = or(steps, 5);
                Duration length = stepLength != null ? stepLength
                        : whole(duration, untilStopped, "--step-length").dividedBy(Math.max(n, 1));
                yield new Shape.Steps(or(fromRps, rps / Math.max(n, 1)), rps, n, length);
            }
            case "sine" -> new Shape.Sine(rps, or(amplitude, rps / 2), or(period, Duration.ofMinutes(5)));
            default -> throw new IllegalArgumentException("unknown shape '" + shape + "' (use one of "
                    + String.join(", ", NAMES) + ")");
        };
    }

    private void rejectUnused(String name) {
        Map<String, Object> byFlag = new LinkedHashMap<>();
        byFlag.put("--from-rps", name.equals("ramp") || name.equals("steps") ? null : fromRps);
        byFlag.put("--ramp-over", name.equals("ramp") ? null : rampOver);
        byFlag.put("--spike-rps", name.equals("spike") ? null : spikeRps);
        byFlag.put("--spike-every", name.equals("spike") ? null : spikeEvery);
        byFlag.put("--spike-length", name.equals("spike") ? null : spikeLength);
        byFlag.put("--steps", name.equals("steps") ? null : steps);
        byFlag.put("--step-length", name.equals("steps") ? null : stepLength);
        byFlag.put("--amplitude", name.equals("sine") ? null : amplitude);
        byFlag.put("--period", name.equals("sine") ? null : period);
        byFlag.forEach((flag, value) -> {
            if (value != null && NAMES.contains(name)) {
                throw new IllegalArgumentException(flag + " does not apply to --shape " + name);
            }
        });
    }

    private static Duration whole(Duration duration, boolean untilStopped, String flag) {
        if (untilStopped) {
            throw new IllegalArgumentException(flag + " is needed when --duration is forever");
        }
        return duration;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** The flags that {@link #toShape} reads back into {@code shape}. */
    static List<String> toArgs(Shape shape) {
        List<String> a = new ArrayList<>();
        if (shape instanceof Shape.Constant c) {
            a.addAll(List.of("--shape", "constant", "--rps", num(c.rps())));
        } else if (shape instanceof Shape.Ramp r) {
            a.addAll(List.of("--shape", "ramp", "--from-rps", num(r.fromRps()), "--rps", num(r.toRps()),
                    "--ramp-over", Durations.format(r.over())));
        } else if (shape instanceof Shape.Spike s) {
            a.addAll(List.of("--shape", "spike", "--rps", num(s.baseRps()), "--spike-rps", num(s.spikeRps()),
                    "--spike-every", Durations.format(s.every()), "--spike-length", Durations.format(s.length())));
        } else if (shape instanceof Shape.Steps s) {
            a.addAll(List.of("--shape", "steps", "--from-rps", num(s.fromRps()), "--rps", num(s.toRps()),
                    "--steps", Integer.toString(s.steps()), "--step-length", Durations.format(s.stepLength())));
        } else if (shape instanceof Shape.Sine s) {
            a.addAll(List.of("--shape", "sine", "--rps", num(s.meanRps()), "--amplitude", num(s.amplitudeRps()),
                    "--period", Durations.format(s.period())));
        }
        return a;
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
