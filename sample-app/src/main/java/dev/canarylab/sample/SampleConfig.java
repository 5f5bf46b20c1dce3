package dev.canarylab.sample;

import java.util.regex.Pattern;

/** Everything an instance is started with: who it is (version, colour, track) and which regressions it carries. */
public record SampleConfig(
        String host,
        int port,
        int managementPort,
        String version,
        String color,
        Track track,
        long seed,
        String adminToken,
        String instanceId,
        Faults faults,
        java.time.Duration drainTimeout,
        long parentPid) {

    /** The deployment tracks of a canary release. */
    public enum Track { stable, baseline, canary }

    /** The parent pid value meaning "outlive whoever started me". */
    public static final long NO_PARENT = 0;

    /** The management port value meaning "serve admin and metrics on the application port". */
    public static final int SAME_AS_PORT = -1;

    // Colours end up in HTML and CSS: a name or a hex code, nothing that could escape the attribute.
    private static final Pattern COLOR = Pattern.compile("[a-zA-Z]{1,30}|#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public SampleConfig {
        requirePort("port", port);
        if (managementPort != SAME_AS_PORT) {
            requirePort("managementPort", managementPort);
        }
        if (!LABEL.matcher(version).matches()) {
            throw new IllegalArgumentException("version must be letters, digits, '.', '_' or '-' (at most 63), got '" + version + "'");
        }
        if (!COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException("color must be a CSS colour name or #rgb / #rrggbb, got '" + color + "'");
        }
        if (parentPid < 0) {
            throw new IllegalArgumentException("exitWithParent must be a process id, got " + parentPid);
        }
        if (!LABEL.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instanceId must be letters, digits, '.', '_' or '-', got '" + instanceId + "'");
        }
    }

    private static void requirePort(String name, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 (any free port) and 65535, got " + value);
        }
    }

    /** Whether admin and metrics live on a port of their own rather than beside the application. */
    public boolean separateManagementPort() {
        return managementPort != SAME_AS_PORT && (managementPort != port || port == 0);
    }
}
