package dev.canarylab.lab.runtime.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The phones in the room: which version last answered each device (by its device cookie), and when. A phone
 * counts while it keeps refreshing; one that left (locked, tab closed) drops out after the window.
 */
final class AudienceDevices {

    /** A phone refreshes every 1.5 s: one that has not for 10 s is gone. */
    static final int WINDOW_SECONDS = 10;
    /** The most devices remembered: past it the oldest are forgotten first. */
    private static final int MAX_DEVICES = 10_000;

    private record Seen(String version, long at) {
    }

    private final Map<String, Seen> devices = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    AudienceDevices() {
        this(System::nanoTime);
    }

    AudienceDevices(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    void answered(String device, String version) {
        long now = clock.getAsLong();
        if (devices.size() >= MAX_DEVICES) {
            devices.values().removeIf(s -> now - s.at() > WINDOW_SECONDS * 1_000_000_000L);
        }
        if (devices.size() < MAX_DEVICES) {
            devices.put(device, new Seen(version, now));
        }
    }

    /** Devices answered in the last {@link #WINDOW_SECONDS}, per version. */
    Map<String, Integer> counts() {
        long now = clock.getAsLong();
        Map<String, Integer> out = new TreeMap<>();
        devices.values().removeIf(s -> now - s.at() > WINDOW_SECONDS * 1_000_000_000L);
        for (Seen s : devices.values()) {
            out.merge(s.version(), 1, Integer::sum);
        }
        return out;
    }
}
