package dev.canarylab.traffic.mix;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Weighted choice of the endpoint for each arrival. The n-th arrival's choice depends only on the seed and n,
 * so two runs with the same seed send the same sequence of requests whatever the thread timing.
 */
public final class RequestMix {

    private final List<Endpoint> endpoints;
    private final long[] cumulative;
    private final long seed;

    public RequestMix(List<Endpoint> endpoints, long seed) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("the request mix needs at least one endpoint");
        }
        Set<String> names = new HashSet<>();
        for (Endpoint e : endpoints) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("endpoint '" + e.name() + "' is listed twice; give it one weight");
            }
        }
        this.endpoints = List.copyOf(endpoints);
        this.cumulative = new long[endpoints.size()];
        long sum = 0;
        for (int i = 0; i < endpoints.size(); i++) {
            sum += endpoints.get(i).weight();
            cumulative[i] = sum;
        }
        this.seed = seed;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The index of the endpoint for arrival number {@code n} (0-based). */
    public int pick(long n) {
        // A fresh generator seeded from (seed, n) rather than one shared generator: no lock, and no dependence
        // on which thread draws first.
        long draw = new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L)).nextLong(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (draw < cumulative[i]) {
                return i;
            }
        }
        throw new AssertionError("draw " + draw + " beyond total weight");
    }

    /** The share of traffic endpoint {@code i} is meant to get, between 0 and 1. */
    public double share(int i) {
        return endpoints.get(i).weight() / (double) cumulative[cumulative.length - 1];
    }
}
