package dev.canarylab.lab.runtime;

import java.util.List;

/**
 * What the dashboard shows of audience mode: the address the phones open, and how many phones each version
 * answered in the last {@code windowSeconds}.
 *
 * @param url the audience page, with an address the room can reach (the one in the QR code)
 * @param windowSeconds how recently a phone must have been answered to count
 * @param devices phones per version, most first
 */
public record AudienceStatus(String url, int windowSeconds, List<Devices> devices) {

    /** Phones answered by one version. */
    public record Devices(String version, String color, int count) {
    }

    public AudienceStatus {
        devices = List.copyOf(devices);
    }
}
