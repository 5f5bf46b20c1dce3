package dev.canarylab.lab.evaluate;

import dev.canarylab.lab.analysis.MetricData;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.Stats;
import dev.canarylab.lab.analysis.TestKind;
import java.util.Arrays;

/**
 * One step's data of a metric as one number, the way a time-series store hands Kayenta a step: the error
 * ratio of its requests, the configured quantile for a quantile metric, else the mean.
 */
public final class StepAggregate {

    private StepAggregate() {
    }

    /** NaN when the step has no value (Kayenta drops those before its test). */
    public static double of(MetricSpec m, MetricData data) {
        if (data instanceof MetricData.Counts c) {
            // no requests in the step: a ratio of 0, as the simulation has always counted it
            return c.total() > 0 ? (double) c.errors() / c.total() : 0;
        }
        if (!(data instanceof MetricData.Values v)) {
            return Double.NaN;
        }
        double[] values = Arrays.stream(v.values()).filter(x -> !Double.isNaN(x)).toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        if (m.test() == TestKind.QUANTILE) {
            Arrays.sort(values);
            return Stats.quantile(values, m.quantile());
        }
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
