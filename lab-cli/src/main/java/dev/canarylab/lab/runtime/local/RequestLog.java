package dev.canarylab.lab.runtime.local;

/**
 * Every request of one track in a time window, one row each in completion order, for tools that need single
 * requests rather than a window's totals ({@code lab evaluate --live} splits them into trials).
 *
 * @param epochMillis when the router recorded the request (its completion), milliseconds since the epoch
 * @param latencyMs   latency measured at the router
 * @param status      the HTTP status the client got
 * @param bytes       response body bytes
 */
public record RequestLog(long[] epochMillis, double[] latencyMs, int[] status, long[] bytes) {

    public int size() {
        return epochMillis.length;
    }

    /** A 5xx answer, by the instance or by the router: what the judge counts as an error. */
    public boolean error(int i) {
        return status[i] >= 500;
    }
}
