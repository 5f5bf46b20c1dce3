package dev.canarylab.traffic.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts response times per whole millisecond, which is the resolution Gatling measures them in, so the
 * percentiles are exact rather than estimated. Times above the cap land in the last bucket; the true
 * maximum is kept apart. Thread-safe: Gatling records from many threads at once.
 */
public final class LatencyHistogram {

    private final AtomicLongArray counts;
    private final AtomicLong max = new AtomicLong();

    public LatencyHistogram(int capMillis) {
        this.counts = new AtomicLongArray(capMillis + 1);
    }

    public void record(long millis) {
        long ms = Math.max(0, millis);
        counts.incrementAndGet((int) Math.min(ms, counts.length() - 1));
        max.accumulateAndGet(ms, Math::max);
    }

    /** A copy of the counts at this instant; differences of two copies describe the interval between them. */
    public Counts snapshot() {
        long[] copy = new long[counts.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
        }
        return new Counts(copy, max.get());
    }

    /** Immutable counts per millisecond, with what a summary needs from them. */
    public record Counts(long[] perMillisecond, long maxMillis) {

        public long total() {
            long n = 0;
            for (long c : perMillisecond) {
                n += c;
            }
            return n;
        }

        /** Counts recorded since {@code earlier}. The maximum is not known per interval and stays global. */
        public Counts minus(Counts earlier) {
            long[] diff = new long[perMillisecond.length];
            for (int i = 0; i < diff.length; i++) {
                diff[i] = perMillisecond[i] - earlier.perMillisecond[i];
            }
            return new Counts(diff, maxMillis);
        }

        /**
         * The nearest-rank percentile: the smallest time that at least {@code pct} percent of the requests
         * took no longer than. 0 when nothing was recorded.
         */
        public long percentile(double pct) {
            long total = total();
            if (total == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(pct / 100 * total));
            long seen = 0;
            for (int ms = 0; ms < perMillisecond.length; ms++) {
                seen += perMillisecond[ms];
                if (seen >= rank) {
                    return ms == perMillisecond.length - 1 ? maxMillis : ms;
                }
            }
            return maxMillis;
        }

        public double mean() {
            long total = total();
            if (total == 0) {
                return 0;
            }
            double sum = 0;
            for (int ms = 0; ms < perMillisecond.length; ms++) {
                sum += (double) ms * perMillisecond[ms];
            }
            return sum / total;
        }
    }
}
