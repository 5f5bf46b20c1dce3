package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.RequestWindow;
import dev.canarylab.lab.runtime.Telemetry.Origin;
import dev.canarylab.lab.runtime.Track;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The last {@code capacity} requests of one track, in parallel primitive arrays (about 21 bytes a request), so
 * that the judge can read raw latencies for any recent window while memory stays bounded. Writers and readers
 * take the ring's lock; a write is a handful of array stores.
 */
final class SampleRing {

    private final Track track;
    private final long[] time;
    private final float[] latencyMs;
    private final int[] bytes;
    private final short[] status;
    private final short[] version;
    private final boolean[] mirrored;
    private final List<String> versions = new ArrayList<>();
    private long written;

    SampleRing(Track track, int capacity) {
        this.track = track;
        this.time = new long[capacity];
        this.latencyMs = new float[capacity];
        this.bytes = new int[capacity];
        this.status = new short[capacity];
        this.version = new short[capacity];
        this.mirrored = new boolean[capacity];
    }

    synchronized void add(long epochMillis, String versionName, int httpStatus, double millis, long responseBytes) {
        add(epochMillis, versionName, httpStatus, millis, responseBytes, false);
    }

    /** @param copy a mirrored copy, whose answer no client saw */
    synchronized void add(long epochMillis, String versionName, int httpStatus, double millis, long responseBytes,
            boolean copy) {
        int i = (int) (written % time.length);
        int v = versions.indexOf(versionName);
        if (v < 0) {
            versions.add(versionName);
            v = versions.size() - 1;
        }
        time[i] = epochMillis;
        latencyMs[i] = (float) millis;
        bytes[i] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, responseBytes));
        status[i] = (short) httpStatus;
        version[i] = (short) v;
        mirrored[i] = copy;
        written++;
    }

    synchronized RequestWindow window(Instant from, Instant to) {
        return window(from, to, Origin.ALL);
    }

    synchronized RequestWindow window(Instant from, Instant to, Origin origin) {
        long lo = from.toEpochMilli();
        long hi = to.toEpochMilli();
        long retained = Math.min(written, time.length);
        long first = written - retained;
        boolean complete = retained == written || time[(int) (first % time.length)] <= lo;
        int n = 0;
        long errors = 0;
        double[] lat = new double[(int) retained];
        long[] size = new long[(int) retained];
        Set<String> seen = new HashSet<>();
        for (long k = first; k < written; k++) {
            int i = (int) (k % time.length);
            boolean wanted = origin == Origin.ALL || mirrored[i] == (origin == Origin.MIRROR);
            if (wanted && time[i] >= lo && time[i] < hi) {
                lat[n] = latencyMs[i];
                size[n] = bytes[i];
                n++;
                if (status[i] >= 500) {
                    errors++;
                }
                seen.add(versions.get(version[i]));
            }
        }
        return new RequestWindow(track, from, to, java.util.Arrays.copyOf(lat, n), java.util.Arrays.copyOf(size, n),
                errors, seen, complete);
    }
}
