package dev.canarylab.sample;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of sample-app: every setting is a flag with a default, overridable by a SAMPLE_ variable. */
@Command(name = "sample-app", sortOptions = false, abbreviateSynopsis = true, usageHelpAutoWidth = true,
        description = "A versioned HTTP service with injectable regressions, for canary-lab.",
        footer = {"", "Every flag can also be set with an environment variable: --error-rate is SAMPLE_ERROR_RATE.",
                "Exit codes: 0 stopped cleanly, 2 bad flags, 3 a port is in use, crash fault: its exit code."})
final class SampleOptions {

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "${env:SAMPLE_HOST:-0.0.0.0}", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:SAMPLE_PORT:-8080}", description = "Application port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--management-port", defaultValue = "${env:SAMPLE_MANAGEMENT_PORT:-same}", paramLabel = "PORT",
            description = "Port for /metrics and /admin; 'same' serves them on --port (default: ${DEFAULT-VALUE}).")
    String managementPort;

    @Option(names = "--version", paramLabel = "NAME", defaultValue = "${env:SAMPLE_VERSION:-v1}", description = "Version name reported by every endpoint (default: ${DEFAULT-VALUE}).")
    String version;

    @Option(names = "--color", paramLabel = "COLOR", defaultValue = "${env:SAMPLE_COLOR:-blue}", description = "Colour of this version: a CSS name or #rrggbb (default: ${DEFAULT-VALUE}).")
    String color;

    @Option(names = "--track", paramLabel = "TRACK", defaultValue = "${env:SAMPLE_TRACK:-stable}", description = "Deployment track: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SampleConfig.Track track;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "${env:SAMPLE_SEED:-random}",
            description = "Seed for fault decisions; the same seed gives the same sequence of failing and slow requests (default: ${DEFAULT-VALUE}).")
    String seed;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:SAMPLE_ADMIN_TOKEN:-}", description = "Bearer token required by /admin; empty means open (prefer SAMPLE_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--instance-id", paramLabel = "ID", defaultValue = "${env:SAMPLE_INSTANCE_ID:-}", description = "Instance name (default: $HOSTNAME, else <version>-<pid>).")
    String instanceId;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "${env:SAMPLE_DRAIN_TIMEOUT:-10s}", converter = DurationConverter.class,
            description = "On SIGTERM, how long in-flight requests may take to finish (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--exit-with-parent", paramLabel = "PID", defaultValue = "${env:SAMPLE_EXIT_WITH_PARENT:-0}",
            description = "Stop (as on SIGTERM) when the process PID exits; for supervisors such as the lab; 0 is off (default: ${DEFAULT-VALUE}).")
    long exitWithParent;

    @Option(names = "--latency", paramLabel = "DURATION", defaultValue = "${env:SAMPLE_LATENCY:-0}", converter = DurationConverter.class,
            description = "Fault: fixed delay added to affected requests, e.g. 250ms (default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--latency-jitter", paramLabel = "DURATION", defaultValue = "${env:SAMPLE_LATENCY_JITTER:-0}", converter = DurationConverter.class,
            description = "Fault: extra random delay, uniform between 0 and this (default: ${DEFAULT-VALUE}).")
    Duration latencyJitter;

    @Option(names = "--latency-ratio", paramLabel = "FRACTION", defaultValue = "${env:SAMPLE_LATENCY_RATIO:-1}",
            description = "Fault: fraction of requests that get the delay, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double latencyRatio;

    @Option(names = "--error-rate", paramLabel = "FRACTION", defaultValue = "${env:SAMPLE_ERROR_RATE:-0}",
            description = "Fault: fraction of requests answered 500, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(names = "--payload-bloat", paramLabel = "SIZE", defaultValue = "${env:SAMPLE_PAYLOAD_BLOAT:-0}", converter = BytesConverter.class,
            description = "Fault: extra bytes in every /api/stories response, e.g. 64KiB (default: ${DEFAULT-VALUE}).")
    long payloadBloat;

    @Option(names = "--cpu-burn", paramLabel = "DURATION", defaultValue = "${env:SAMPLE_CPU_BURN:-0}", converter = DurationConverter.class,
            description = "Fault: busy CPU time spent on every request, e.g. 20ms (default: ${DEFAULT-VALUE}).")
    Duration cpuBurn;

    @Option(names = "--leak", paramLabel = "SIZE", defaultValue = "${env:SAMPLE_LEAK:-0}", converter = BytesConverter.class,
            description = "Fault: heap bytes retained for good by every request, e.g. 16KiB (default: ${DEFAULT-VALUE}).")
    long leak;

    @Option(names = "--leak-cap", paramLabel = "SIZE", defaultValue = "${env:SAMPLE_LEAK_CAP:-64MiB}", converter = BytesConverter.class,
            description = "Fault: the leak stops growing here, and never beyond half the heap (default: ${DEFAULT-VALUE}).")
    long leakCap;

    @Option(names = "--crash-after-requests", defaultValue = "${env:SAMPLE_CRASH_AFTER_REQUESTS:-0}", paramLabel = "N",
            description = "Fault: exit abruptly after serving N requests; 0 is off (default: ${DEFAULT-VALUE}).")
    long crashAfterRequests;

    @Option(names = "--crash-after", paramLabel = "DURATION", defaultValue = "${env:SAMPLE_CRASH_AFTER:-0}", converter = DurationConverter.class,
            description = "Fault: exit abruptly this long after start, e.g. 30s; 0 is off (default: ${DEFAULT-VALUE}).")
    Duration crashAfter;

    @Option(names = "--crash-exit-code", defaultValue = "${env:SAMPLE_CRASH_EXIT_CODE:-1}", paramLabel = "CODE",
            description = "Fault: the exit code of a crash, 1 to 255 (default: ${DEFAULT-VALUE}).")
    int crashExitCode;

    @Option(names = "--unready", paramLabel = "true|false", defaultValue = "${env:SAMPLE_UNREADY:-false}", fallbackValue = "true", arity = "0..1",
            description = "Fault: /health/ready answers 503.")
    boolean unready;

    @Option(names = "--unhealthy", paramLabel = "true|false", defaultValue = "${env:SAMPLE_UNHEALTHY:-false}", fallbackValue = "true", arity = "0..1",
            description = "Fault: /health/live answers 503.")
    boolean unhealthy;

    @Option(names = "--slow-start", paramLabel = "DURATION", defaultValue = "${env:SAMPLE_SLOW_START:-0}", converter = DurationConverter.class,
            description = "Fault: /health/ready answers 503 for this long after start, e.g. 5s (default: ${DEFAULT-VALUE}).")
    Duration slowStart;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** A flag or value that cannot be used; its message is one line for the user. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses the command line into a configuration, or returns null after printing the help when it was asked for.
     *
     * @throws UsageException for unknown flags and impossible values
     */
    static SampleConfig parse(String... args) {
        SampleOptions options = new SampleOptions();
        CommandLine cl = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage() + " (see --help)");
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(System.out);
            return null;
        }
        try {
            return options.toConfig();
        } catch (IllegalArgumentException e) {
            throw new UsageException(asFlag(e.getMessage()));
        }
    }

    /** Validation speaks of record fields ("errorRate ..."); on the command line the user typed "--error-rate". */
    private static String asFlag(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([a-z]+(?:[A-Z][a-z]*)*)\\b").matcher(message);
        if (!m.find()) {
            return message;
        }
        String flag = "--" + m.group(1).replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
        return flag + message.substring(m.end());
    }

    private SampleConfig toConfig() {
        Faults faults = new Faults(latency, latencyJitter, latencyRatio, errorRate, payloadBloat, cpuBurn, leak, leakCap,
                crashAfterRequests, crashAfter, crashExitCode, unready, unhealthy, slowStart);
        return new SampleConfig(checkHost(), port, parseManagementPort(), version, color, track, parseSeed(), adminToken,
                instanceId.isBlank() ? defaultInstanceId() : instanceId, faults, drainTimeout, exitWithParent);
    }

    /** Resolved now, so that a typo is one line at start-up rather than a failure to bind. */
    private String checkHost() {
        try {
            if (!host.isBlank()) {
                java.net.InetAddress.getByName(host);
                return host;
            }
        } catch (java.net.UnknownHostException | SecurityException e) {
            // refused below
        }
        throw new IllegalArgumentException("host must be an IP address or a host name that resolves, got '" + host + "'");
    }

    private int parseManagementPort() {
        if (managementPort.equalsIgnoreCase("same")) {
            return SampleConfig.SAME_AS_PORT;
        }
        try {
            return Integer.parseInt(managementPort);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--management-port must be a port number or 'same', got '" + managementPort + "'");
        }
    }

    private long parseSeed() {
        if (seed.equalsIgnoreCase("random")) {
            return ThreadLocalRandom.current().nextLong();
        }
        try {
            return Long.parseLong(seed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number or 'random', got '" + seed + "'");
        }
    }

    private String defaultInstanceId() {
        String hostname = System.getenv("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            return hostname;
        }
        return version + "-" + ProcessHandle.current().pid();
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Units.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class BytesConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Units.parseBytes(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
