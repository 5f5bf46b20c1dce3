package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricSpec;
import java.util.Locale;

/** Which synthetic series feeds a metric of the config, recognised from its query, then its name and kind. */
enum Source {
    LATENCY(true),
    ERRORS(true),
    BYTES(true),
    CPU(false),
    HEAP(false),
    RESTARTS(false);

    final boolean perRequest;

    Source(boolean perRequest) {
        this.perRequest = perRequest;
    }

    static Source of(MetricSpec spec) {
        String q = (spec.query() + " " + spec.name()).toLowerCase(Locale.ROOT);
        if (spec.kind() == MetricKind.ERROR_RATIO) {
            return ERRORS;
        }
        if (spec.kind() == MetricKind.COUNT || q.contains("restart")) {
            return RESTARTS;
        }
        if (spec.kind() == MetricKind.LATENCY || q.contains("latency") || q.contains("duration")) {
            return LATENCY;
        }
        if (q.contains("heap") || q.contains("memory")) {
            return HEAP;
        }
        if (q.contains("cpu")) {
            return CPU;
        }
        if (q.contains("bytes") || q.contains("payload") || q.contains("size")) {
            return BYTES;
        }
        throw LabException.badInput("evaluate cannot synthesise metric '" + spec.name() + "' (query "
                + spec.query() + "); it knows latency, errors, response size, cpu, heap and restarts");
    }
}
