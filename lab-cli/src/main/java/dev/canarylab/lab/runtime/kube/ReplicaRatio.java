package dev.canarylab.lab.runtime.kube;

/**
 * The weight fallback without Traefik, as Argo Rollouts does without a mesh: one Service selects every track, so
 * a track's share of traffic is its share of the ready pods, and a weight becomes pod counts.
 *
 * <p>Rounding: out of a pool of {@code pool} pods (the stable replicas), the canary gets
 * {@code round(pool * percent / 100)} pods, half up, at least 1 when the weight is above 0; the baseline as many;
 * stable the rest, at least 1 while the weight is below 100. The traffic the canary really gets is its share of all
 * the pods, {@link #canaryPercent()}, which {@code lab status} shows with the weight that was asked.
 */
record ReplicaRatio(int pool, int asked, int stable, int baseline, int canary) {

    static ReplicaRatio of(int pool, int percent, boolean withBaseline) {
        if (pool < 1) {
            throw new IllegalArgumentException("pool " + pool);
        }
        int c = percent == 0 ? 0 : Math.max(1, (int) Math.floor(pool * percent / 100.0 + 0.5));
        int b = withBaseline ? c : 0;
        int s = Math.max(percent == 100 ? 0 : 1, pool - c - b);
        return new ReplicaRatio(pool, percent, s, b, c);
    }

    int total() {
        return stable + baseline + canary;
    }

    /** The canary's real share of the traffic, in percent, rounded half up. */
    int canaryPercent() {
        return total() == 0 ? 0 : (int) Math.floor(100.0 * canary / total() + 0.5);
    }

    /** For status and logs: "canary 1, baseline 1, stable 2 of 4 pods: canary gets 25% (asked 10%)". */
    String describe() {
        return "replica ratio, no Traefik: canary " + canary + (baseline > 0 ? ", baseline " + baseline : "")
                + ", stable " + stable + " of " + total() + " pods: canary gets " + canaryPercent() + "% (asked "
                + asked + "%; a pod is " + (total() == 0 ? 100 : Math.round(1000.0 / total()) / 10.0) + "%)";
    }
}
