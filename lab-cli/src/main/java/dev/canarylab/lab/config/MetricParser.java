package dev.canarylab.lab.config;

import dev.canarylab.lab.analysis.Bound;
import dev.canarylab.lab.analysis.Direction;
import dev.canarylab.lab.analysis.MetricKind;
import dev.canarylab.lab.analysis.MetricSpec;
import dev.canarylab.lab.analysis.NanStrategy;
import dev.canarylab.lab.analysis.TestKind;
import dev.canarylab.lab.metrics.EmbeddedSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One entry of {@code metrics:} in a canary config. */
final class MetricParser {

    private static final Set<String> KEYS = Set.of("name", "groups", "query", "kind", "test", "quantile", "unit",
            "direction", "critical", "mustHaveData", "nanStrategy", "nanReplacement", "allowedIncrease",
            "allowedDecrease", "criticalIncrease", "criticalDecrease", "allowedAbsoluteIncrease", "bound",
            "minTraffic", "removeOutliers", "embedded", "total", "power");
    private static final Set<String> BOUND_KEYS = Set.of("statistic", "max", "min");

    private MetricParser() {
    }

    static MetricSpec parse(Node m) {
        m.requireObject();
        m.allowOnly(KEYS);
        if (!m.has("name") || m.get("name").text().isBlank()) {
            throw m.error("needs a name");
        }
        String name = m.get("name").text();
        if (!m.has("kind")) {
            throw m.error("(" + name + ") needs a kind: latency, error-ratio, ratio, gauge or count");
        }
        MetricKind kind = Enums.parse(m.get("kind"), MetricKind::fromLabel,
                "latency, error-ratio, ratio, gauge, count");
        TestKind test = m.has("test")
                ? Enums.parse(m.get("test"), TestKind::fromLabel, "mann-whitney, quantile, fisher, poisson")
                : TestKind.defaultFor(kind);
        boolean valuesKind = kind == MetricKind.LATENCY || kind == MetricKind.RATIO || kind == MetricKind.GAUGE;
        boolean testFits = switch (test) {
            case MANN_WHITNEY, QUANTILE -> valuesKind;
            case FISHER -> kind == MetricKind.ERROR_RATIO;
            case POISSON -> kind == MetricKind.COUNT;
        };
        if (!testFits) {
            throw m.get("test").error("'" + test.label() + "' does not apply to a " + kind.label() + " metric");
        }
        double quantile = m.number("quantile", 0.99);
        if (!(quantile > 0 && quantile < 1)) {
            throw m.get("quantile").error("must be between 0 and 1 (e.g. 0.99 for p99)");
        }
        List<String> groups = new ArrayList<>();
        if (m.has("groups")) {
            for (Node g : m.get("groups").elements()) {
                groups.add(g.text());
            }
            if (groups.isEmpty()) {
                throw m.get("groups").error("must name at least one group");
            }
        } else {
            groups.add(name);
        }
        Direction direction = m.has("direction")
                ? Enums.parse(m.get("direction"), Direction::fromLabel, "increase, decrease, either")
                : Direction.INCREASE;
        NanStrategy nan = m.has("nanStrategy")
                ? Enums.parse(m.get("nanStrategy"), NanStrategy::fromLabel, "remove, replace")
                : NanStrategy.REMOVE;
        boolean errors = kind == MetricKind.ERROR_RATIO;
        double allowedIncrease = m.number("allowedIncrease", errors ? 2.0 : 1.2);
        if (!(allowedIncrease > 1)) {
            throw m.get("allowedIncrease").error("must be a ratio above 1 (1.2 tolerates 20% more); no sample can "
                    + "show that two versions are exactly equal");
        }
        double allowedDecrease = m.number("allowedDecrease", 0.8);
        if (!(allowedDecrease > 0 && allowedDecrease < 1)) {
            throw m.get("allowedDecrease").error("must be a ratio between 0 and 1 (0.8 tolerates 20% less)");
        }
        double criticalIncrease = m.number("criticalIncrease", Double.POSITIVE_INFINITY);
        if (!(criticalIncrease >= allowedIncrease)) {
            throw m.get("criticalIncrease").error("must be at least allowedIncrease (" + allowedIncrease + ")");
        }
        double criticalDecrease = m.number("criticalDecrease", 0.0);
        if (!(criticalDecrease >= 0 && criticalDecrease <= allowedDecrease)) {
            throw m.get("criticalDecrease").error("must be between 0 and allowedDecrease (" + allowedDecrease + ")");
        }
        double absolute = allowedAbsoluteIncrease(m, kind, test);
        Double minTraffic = null;
        if (m.has("minTraffic")) {
            minTraffic = m.get("minTraffic").number();
            if (!(minTraffic > 0)) {
                throw m.get("minTraffic").error("must be a positive number of canary samples per minute");
            }
        }
        String embedded = m.has("embedded") ? m.get("embedded").text().replace(" ", "") : null;
        if (embedded != null && !EmbeddedSource.QUERIES.contains(embedded)) {
            throw m.get("embedded").error("'" + embedded + "' is not an embedded metric; the local runtime knows "
                    + String.join(", ", EmbeddedSource.QUERIES.stream().sorted().toList()));
        }
        String total = m.has("total") ? m.get("total").text() : null;
        if (total != null && !errors) {
            throw m.get("total").error("applies to error-ratio metrics only (the PromQL counting all requests)");
        }
        if (total != null && total.isBlank()) {
            throw m.get("total").error("must be a PromQL template counting all requests");
        }
        Double power = null;
        if (m.has("power")) {
            power = m.get("power").number();
            if (!(power >= 0 && power < 1)) {
                throw m.get("power").error("must be at least 0 and below 1 (0: the metric only detects changes,"
                        + " it never needs more data to pass)");
            }
        }
        if (m.has("query") && m.get("query").text().isBlank()) {
            throw m.get("query").error("must not be empty");
        }
        return new MetricSpec(name, groups, m.string("query", embedded != null ? embedded : name), kind, test, quantile,
                m.string("unit", kind == MetricKind.LATENCY ? "ms" : ""), direction, m.bool("critical", false),
                m.bool("mustHaveData", false), nan, m.number("nanReplacement", 0.0), allowedIncrease,
                allowedDecrease, criticalIncrease, criticalDecrease, absolute,
                m.has("bound") ? bound(m.get("bound"), kind) : null, minTraffic, m.bool("removeOutliers", false),
                embedded, total, power);
    }

    /**
     * Error ratios: a fraction of requests. Mann-Whitney value metrics: the increase of the mean, in the metric's
     * unit, tolerated whatever the ratio (see AbsoluteAllowance and ZeroBaseline); none by default, so over a
     * baseline whose median is 0 such a metric cannot pass.
     */
    private static double allowedAbsoluteIncrease(Node m, MetricKind kind, TestKind test) {
        if (kind == MetricKind.ERROR_RATIO) {
            double absolute = m.number("allowedAbsoluteIncrease", 0.01);
            if (!(absolute >= 0 && absolute < 1)) {
                throw m.get("allowedAbsoluteIncrease").error("must be a fraction of requests, e.g. 0.01 for 1%");
            }
            return absolute;
        }
        if (!m.has("allowedAbsoluteIncrease")) {
            return 0.0;
        }
        Node node = m.get("allowedAbsoluteIncrease");
        if (test != TestKind.MANN_WHITNEY) {
            throw node.error("applies to error-ratio metrics and to metrics judged by mann-whitney only");
        }
        double absolute = node.number();
        if (!(absolute >= 0 && Double.isFinite(absolute))) {
            throw node.error("must be a finite number at least 0, in the metric's unit (the increase of the mean"
                    + " tolerated whatever the ratio, e.g. 1 for 1 ms, 0.5 restarts per step)");
        }
        return absolute;
    }

    private static Bound bound(Node b, MetricKind kind) {
        b.requireObject();
        b.allowOnly(BOUND_KEYS);
        Bound.Statistic statistic = b.has("statistic")
                ? Enums.parse(b.get("statistic"), Bound.Statistic::fromLabel, "mean, p50, p95, p99, max, total, ratio")
                : Bound.defaultStatistic(kind);
        boolean errors = kind == MetricKind.ERROR_RATIO;
        if (errors != (statistic == Bound.Statistic.RATIO)) {
            throw b.get("statistic").error(errors ? "of an error-ratio metric must be 'ratio'"
                    : "'ratio' applies to error-ratio metrics only");
        }
        Double max = b.has("max") ? b.get("max").number() : null;
        Double min = b.has("min") ? b.get("min").number() : null;
        if (max == null && min == null) {
            throw b.error("needs max, min or both");
        }
        if (max != null && min != null && min > max) {
            throw b.error("min must not exceed max");
        }
        if (errors && ((max != null && !(max >= 0 && max <= 1)) || (min != null && !(min >= 0 && min <= 1)))) {
            throw b.error("limits of an error ratio are fractions between 0 and 1 (0.01 for 1%)");
        }
        return new Bound(statistic, max, min);
    }
}
