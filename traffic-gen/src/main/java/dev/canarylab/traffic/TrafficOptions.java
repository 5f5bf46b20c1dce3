package dev.canarylab.traffic;

import dev.canarylab.traffic.mix.Endpoint;
import dev.canarylab.traffic.mix.MixFile;
import dev.canarylab.traffic.mix.RequestMix;
import dev.canarylab.traffic.shape.Shape;
import dev.canarylab.traffic.stats.ProgressReporter;
import dev.canarylab.traffic.stats.Thresholds;
import dev.canarylab.traffic.users.Users;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one traffic-gen run needs, validated. The CLI builds it from flags; {@link TrafficGenerator}
 * turns it back into flags ({@link #toArgs()}) to start the run in its own process.
 *
 * @param duration how long to send traffic; for an {@code untilStopped} run, the safety cap
 * @param mix the request-mix file the endpoints come from, or null when they come from {@code --endpoint}
 * @param headers sent by the users of {@code users}' header share (all of them by default)
 * @param summary where to write the summary JSON: a file, {@code -} for stdout, or null for none
 * @param progressEvery how often to print a progress line; zero for never
 */
public record TrafficOptions(URI target, Shape shape, Duration duration, boolean untilStopped,
                             List<Endpoint> endpoints, Path mix, Map<String, String> headers, Users users, long seed,
                             Duration timeout,
                             boolean shareConnections, Path summary, Path reportDir, boolean report,
                             Duration progressEvery, ProgressReporter.Format progressFormat, Thresholds thresholds) {

    /** A run "until stopped" still ends after this long, so a forgotten generator cannot load a target for days. */
    public static final Duration UNTIL_STOPPED_CAP = Duration.ofHours(24);
    public static final String DEFAULT_TARGET = "http://127.0.0.1:8080";
    public static final List<String> DEFAULT_ENDPOINTS = List.of("/api/stories@8", "/api/color@2");
    public static final Path DEFAULT_REPORT_DIR = Path.of(".lab", "traffic-gen");
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

    public TrafficOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(shape, "shape");
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            throw new IllegalArgumentException("target must be an http:// or https:// URL with a host, got '" + target + "'");
        }
        if (target.getRawPath() != null && target.getRawPath().length() > 1 || target.getRawQuery() != null) {
            throw new IllegalArgumentException("target must be a base URL such as http://127.0.0.1:8080 (paths go in --endpoint), got '"
                    + target + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be more than zero");
        }
        if (untilStopped) {
            duration = UNTIL_STOPPED_CAP;
        }
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be between 100ms and 2m, got " + Durations.format(timeout));
        }
        if (progressEvery.isNegative() || !progressEvery.isZero() && progressEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("progress interval must be 0 (off) or at least 1s, got "
                    + Durations.format(progressEvery));
        }
        endpoints = List.copyOf(endpoints);
        if (mix == null && !endpoints.stream().allMatch(Endpoint::plain)) {
            throw new IllegalArgumentException("requests with headers, a body, a name or success statuses come from a mix file");
        }
        new RequestMix(endpoints, seed); // rejects an empty mix and an endpoint listed twice
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(users, "users");
        if (headers.isEmpty() && users.headerShare() < 1) {
            throw new IllegalArgumentException("--header-share needs a --header to send");
        }
        Objects.requireNonNull(reportDir, "reportDir");
        Objects.requireNonNull(progressFormat, "progressFormat");
        Objects.requireNonNull(thresholds, "thresholds");
    }

    public static Builder builder(String target) {
        return new Builder(URI.create(target));
    }

    /** The base URL without a trailing slash, as Gatling's baseUrl wants it. */
    public String baseUrl() {
        String s = target.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** These options with the summary going to {@code file} and progress lines in JSON, for a child process. */
    TrafficOptions forChildProcess(Path file) {
        return new TrafficOptions(target, shape, duration, untilStopped, endpoints, mix, headers, users, seed, timeout,
                shareConnections, file, reportDir, report, progressEvery, ProgressReporter.Format.JSON, thresholds);
    }

    /** The command-line flags that the CLI parses back into these options. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--target", target.toString()));
        args.addAll(ShapeFlags.toArgs(shape));
        args.addAll(List.of("--duration", untilStopped ? "forever" : Durations.format(duration)));
        if (mix != null) {
            args.addAll(List.of("--mix", mix.toAbsolutePath().toString()));
        } else {
            for (Endpoint e : endpoints) {
                args.addAll(List.of("--endpoint", e.spec()));
            }
        }
        headers.forEach((k, v) -> args.addAll(List.of("--header", k + ": " + v)));
        args.addAll(usersArgs(users));
        args.addAll(List.of("--seed", Long.toString(seed), "--timeout", Durations.format(timeout),
                "--connections", shareConnections ? "shared" : "per-user"));
        if (summary != null) {
            args.addAll(List.of("--summary", summary.toString()));
        }
        args.addAll(List.of("--report-dir", reportDir.toString()));
        if (!report) {
            args.add("--no-report");
        }
        args.addAll(List.of("--progress-every", Durations.format(progressEvery),
                "--progress-format", progressFormat.name().toLowerCase(Locale.ROOT)));
        addThreshold(args, "--assert-success-pct", thresholds.successPct());
        addThreshold(args, "--assert-p95-ms", thresholds.p95Ms());
        addThreshold(args, "--assert-p99-ms", thresholds.p99Ms());
        addThreshold(args, "--assert-mean-ms", thresholds.meanMs());
        addThreshold(args, "--assert-max-ms", thresholds.maxMs());
        addThreshold(args, "--assert-rps-pct", thresholds.rpsPct());
        return args;
    }

    private static List<String> usersArgs(Users users) {
        List<String> args = new ArrayList<>();
        if (users.requestsPerUser() > 1) {
            args.addAll(List.of("--requests-per-user", Integer.toString(users.requestsPerUser()),
                    "--think-time", Durations.format(users.thinkTime())));
        }
        if (users.headerShare() < 1) {
            args.addAll(List.of("--header-share", Double.toString(users.headerShare())));
        }
        users.cookies().forEach((k, v) -> args.addAll(List.of("--cookie", k + "=" + v)));
        if (users.cookieShare() < 1) {
            args.addAll(List.of("--cookie-share", Double.toString(users.cookieShare())));
        }
        return args;
    }

    private static void addThreshold(List<String> args, String flag, Double value) {
        if (value != null) {
            args.addAll(List.of(flag, value.toString()));
        }
    }

    /** Options with the CLI's defaults, changed one setting at a time. */
    public static final class Builder {
        private final URI target;
        private Shape shape = new Shape.Constant(10);
        private Duration duration = Duration.ofSeconds(60);
        private boolean untilStopped;
        private List<Endpoint> endpoints = DEFAULT_ENDPOINTS.stream().map(Endpoint::parse).toList();
        private Path mix;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Users users = Users.ONE_REQUEST_EACH;
        private long seed = 1;
        private Duration timeout = Duration.ofSeconds(10);
        private boolean shareConnections = true;
        private Path summary;
        private Path reportDir = DEFAULT_REPORT_DIR;
        private boolean report = true;
        private Duration progressEvery = Duration.ofSeconds(5);
        private ProgressReporter.Format progressFormat = ProgressReporter.Format.TEXT;
        private Thresholds thresholds = Thresholds.NONE;

        private Builder(URI target) {
            this.target = target;
        }

        /** A constant rate; use {@link #shape} for the others. */
        public Builder rps(double rps) {
            this.shape = new Shape.Constant(rps);
            return this;
        }

        public Builder shape(Shape shape) {
            this.shape = shape;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            this.untilStopped = false;
            return this;
        }

        /** Send traffic until the process is stopped (capped at {@link #UNTIL_STOPPED_CAP}). */
        public Builder untilStopped() {
            this.untilStopped = true;
            return this;
        }

        /** Endpoint specs such as {@code /api/stories@8}. */
        public Builder endpoints(String... specs) {
            this.endpoints = List.of(specs).stream().map(Endpoint::parse).toList();
            this.mix = null;
            return this;
        }

        /** The requests of a request-mix file ({@link MixFile}); a bad file throws, naming the file and entry. */
        public Builder mix(Path file) {
            this.endpoints = MixFile.load(file);
            this.mix = file;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** How many requests each user sends and which users send the headers and cookies. */
        public Builder users(Users users) {
            this.users = users;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder shareConnections(boolean share) {
            this.shareConnections = share;
            return this;
        }

        public Builder summary(Path summary) {
            this.summary = summary;
            return this;
        }

        public Builder reportDir(Path reportDir) {
            this.reportDir = reportDir;
            return this;
        }

        public Builder noReport() {
            this.report = false;
            return this;
        }

        public Builder progress(Duration every, ProgressReporter.Format format) {
            this.progressEvery = every;
            this.progressFormat = format;
            return this;
        }

        public Builder thresholds(Thresholds thresholds) {
            this.thresholds = thresholds;
            return this;
        }

        public TrafficOptions build() {
            return new TrafficOptions(target, shape, duration, untilStopped, endpoints, mix, headers, users, seed, timeout,
                    shareConnections, summary, reportDir, report, progressEvery, progressFormat, thresholds);
        }
    }
}
