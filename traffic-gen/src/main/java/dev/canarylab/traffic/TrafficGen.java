package dev.canarylab.traffic;

import dev.canarylab.traffic.engine.TrafficRun;
import dev.canarylab.traffic.mix.Endpoint;
import dev.canarylab.traffic.mix.MixFile;
import dev.canarylab.traffic.stats.AssertionResult;
import dev.canarylab.traffic.stats.ProgressReporter;
import dev.canarylab.traffic.stats.Summary;
import dev.canarylab.traffic.stats.SummaryTable;
import dev.canarylab.traffic.stats.Thresholds;
import dev.canarylab.traffic.users.Users;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The traffic-gen command: flags (or TRAFFIC_* variables) in, load out, a summary and an exit code at the end. */
@Command(name = "traffic-gen", mixinStandardHelpOptions = true, versionProvider = TrafficGen.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        customSynopsis = "traffic-gen [--target=URL] [--rps=N] [--duration=D|forever] [--shape=SHAPE] [OPTION...]",
        description = "Sends open-model HTTP traffic (Gatling) at a target: steady, ramped, spiky, stepped or wavy, "
                + "over a weighted mix of endpoints. Progress on stderr, a summary at the end.",
        footer = {"", "Exit codes: 0 ok, 1 an assertion failed, 2 bad usage, 3 target unreachable, 4 internal error.",
                "Every flag can also be set with the variable in brackets, e.g. TRAFFIC_RPS=50."})
public final class TrafficGen implements Callable<Integer> {

    @Option(names = "--target", paramLabel = "URL", defaultValue = "${env:TRAFFIC_TARGET:-" + TrafficOptions.DEFAULT_TARGET + "}",
            description = "Base URL to load (TRAFFIC_TARGET). Default: ${DEFAULT-VALUE}.")
    String target;

    @Option(names = "--rps", paramLabel = "N", defaultValue = "${env:TRAFFIC_RPS:-10}",
            description = "Arrivals per second: the rate of constant, the end rate of ramp and steps, the base of "
                    + "spike, the mean of sine (TRAFFIC_RPS). Default: ${DEFAULT-VALUE}.")
    double rps;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "${env:TRAFFIC_DURATION:-60s}",
            description = "How long to send, e.g. 30s, 5m; 'forever' sends until SIGTERM or Ctrl-C, at most 24h "
                    + "(TRAFFIC_DURATION). Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--shape", paramLabel = "SHAPE", defaultValue = "${env:TRAFFIC_SHAPE:-constant}",
            description = "constant, ramp, spike, steps or sine (TRAFFIC_SHAPE). Default: ${DEFAULT-VALUE}.")
    String shape;

    @Option(names = "--from-rps", paramLabel = "N", defaultValue = "${env:TRAFFIC_FROM_RPS}",
            description = "ramp and steps: the starting rate. Default: 0 for ramp, rps/steps for steps (TRAFFIC_FROM_RPS).")
    Double fromRps;

    @Option(names = "--ramp-over", paramLabel = "D", defaultValue = "${env:TRAFFIC_RAMP_OVER}",
            description = "ramp: how long the ramp takes, then the rate holds. Default: the whole duration (TRAFFIC_RAMP_OVER).")
    Duration rampOver;

    @Option(names = "--spike-rps", paramLabel = "N", defaultValue = "${env:TRAFFIC_SPIKE_RPS}",
            description = "spike: the rate during a burst. Default: 5 x rps (TRAFFIC_SPIKE_RPS).")
    Double spikeRps;

    @Option(names = "--spike-every", paramLabel = "D", defaultValue = "${env:TRAFFIC_SPIKE_EVERY}",
            description = "spike: one burst per period, at its end. Default: 30s (TRAFFIC_SPIKE_EVERY).")
    Duration spikeEvery;

    @Option(names = "--spike-length", paramLabel = "D", defaultValue = "${env:TRAFFIC_SPIKE_LENGTH}",
            description = "spike: how long a burst lasts. Default: 5s (TRAFFIC_SPIKE_LENGTH).")
    Duration spikeLength;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "${env:TRAFFIC_STEPS}",
            description = "steps: number of levels, from --from-rps to --rps. Default: 5 (TRAFFIC_STEPS).")
    Integer steps;

    @Option(names = "--step-length", paramLabel = "D", defaultValue = "${env:TRAFFIC_STEP_LENGTH}",
            description = "steps: how long each level lasts. Default: duration / steps (TRAFFIC_STEP_LENGTH).")
    Duration stepLength;

    @Option(names = "--amplitude", paramLabel = "N", defaultValue = "${env:TRAFFIC_AMPLITUDE}",
            description = "sine: how far the rate swings above and below --rps. Default: rps/2 (TRAFFIC_AMPLITUDE).")
    Double amplitude;

    @Option(names = "--period", paramLabel = "D", defaultValue = "${env:TRAFFIC_PERIOD}",
            description = "sine: length of one wave. Default: 5m (TRAFFIC_PERIOD).")
    Duration period;

    @Option(names = "--endpoint", paramLabel = "SPEC", split = ",",
            defaultValue = "${env:TRAFFIC_ENDPOINTS:-/api/stories@8,/api/color@2}",
            description = "[METHOD ]PATH[@WEIGHT], repeatable or comma-separated; requests have no body "
                    + "(TRAFFIC_ENDPOINTS). Default: ${DEFAULT-VALUE}.")
    List<String> endpoints;

    @Option(names = "--mix", paramLabel = "FILE", defaultValue = "${env:TRAFFIC_MIX}",
            description = "A request-mix file (YAML or JSON): per request method, path, headers, body, weight and the "
                    + "statuses that count as success; replaces --endpoint (TRAFFIC_MIX). See docs/traffic-gen.md.")
    Path mix;

    @Option(names = "--header", paramLabel = "'NAME: VALUE'", split = "\\n", hideParamSyntax = true, defaultValue = "${env:TRAFFIC_HEADERS}",
            description = "Extra header, repeatable, e.g. 'X-Beta: on', on every request of the --header-share of "
                    + "users (TRAFFIC_HEADERS, one a line).")
    List<String> headers;

    @Option(names = "--header-share", paramLabel = "SHARE", defaultValue = "${env:TRAFFIC_HEADER_SHARE:-1}",
            description = "The share of users, above 0 and at most 1, that send the --header headers, e.g. 0.2 "
                    + "(TRAFFIC_HEADER_SHARE). Default: ${DEFAULT-VALUE}, every user.")
    double headerShare;

    @Option(names = "--cookie", paramLabel = "NAME=VALUE", split = ",", defaultValue = "${env:TRAFFIC_COOKIES}",
            description = "A cookie the --cookie-share of users have from their first request, repeatable or "
                    + "comma-separated (TRAFFIC_COOKIES). Cookies the target sets are kept by every user anyway.")
    List<String> cookies;

    @Option(names = "--cookie-share", paramLabel = "SHARE", defaultValue = "${env:TRAFFIC_COOKIE_SHARE:-1}",
            description = "The share of users, above 0 and at most 1, that start with the --cookie cookies "
                    + "(TRAFFIC_COOKIE_SHARE). Default: ${DEFAULT-VALUE}, every user.")
    double cookieShare;

    @Option(names = "--requests-per-user", paramLabel = "N", defaultValue = "${env:TRAFFIC_REQUESTS_PER_USER:-1}",
            description = "Requests each user sends, --think-time apart, with its own cookie jar; users then arrive at "
                    + "rps/N so the request rate is still --rps (TRAFFIC_REQUESTS_PER_USER). Default: ${DEFAULT-VALUE}.")
    int requestsPerUser;

    @Option(names = "--think-time", paramLabel = "D", defaultValue = "${env:TRAFFIC_THINK_TIME}",
            description = "The pause between two requests of a user (TRAFFIC_THINK_TIME). Default: 1s when "
                    + "--requests-per-user is above 1.")
    Duration thinkTime;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "${env:TRAFFIC_SEED:-1}",
            description = "Seed of the request mix: the same seed sends the same sequence (TRAFFIC_SEED). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "${env:TRAFFIC_TIMEOUT:-10s}",
            description = "Request timeout, 100ms to 2m (TRAFFIC_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--connections", paramLabel = "MODE", defaultValue = "${env:TRAFFIC_CONNECTIONS:-shared}",
            description = "shared: one keep-alive pool, as behind a gateway; per-user: a new connection per request "
                    + "(TRAFFIC_CONNECTIONS). Default: ${DEFAULT-VALUE}.")
    String connections;

    @Option(names = "--summary", paramLabel = "FILE", defaultValue = "${env:TRAFFIC_SUMMARY}",
            description = "Write the summary JSON here; '-' prints it on stdout instead of the table (TRAFFIC_SUMMARY).")
    Path summary;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "${env:TRAFFIC_REPORT_DIR:-.lab/traffic-gen}",
            description = "Where Gatling writes its HTML report (TRAFFIC_REPORT_DIR). Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Option(names = "--no-report", defaultValue = "${env:TRAFFIC_NO_REPORT:-false}",
            description = "Skip Gatling's HTML report (TRAFFIC_NO_REPORT).")
    boolean noReport;

    @Option(names = "--progress-every", paramLabel = "D", defaultValue = "${env:TRAFFIC_PROGRESS_EVERY:-5s}",
            description = "Progress line interval on stderr; 0 for none after the first line, which says the load "
                    + "has started (TRAFFIC_PROGRESS_EVERY). Default: ${DEFAULT-VALUE}.")
    Duration progressEvery;

    @Option(names = "--progress-format", paramLabel = "FORMAT", defaultValue = "${env:TRAFFIC_PROGRESS_FORMAT:-text}",
            description = "text, or json: one object a line (TRAFFIC_PROGRESS_FORMAT). Default: ${DEFAULT-VALUE}.")
    String progressFormat;

    @Option(names = "--assert-success-pct", paramLabel = "PCT", defaultValue = "${env:TRAFFIC_ASSERT_SUCCESS_PCT}",
            description = "Fail (exit 1) unless at least PCT%% of requests succeed (status < 400, or a mix's success statuses).")
    Double assertSuccessPct;

    @Option(names = "--assert-p95-ms", paramLabel = "MS", defaultValue = "${env:TRAFFIC_ASSERT_P95_MS}",
            description = "Fail unless the 95th percentile response time is at most MS.")
    Double assertP95Ms;

    @Option(names = "--assert-p99-ms", paramLabel = "MS", defaultValue = "${env:TRAFFIC_ASSERT_P99_MS}",
            description = "Fail unless the 99th percentile response time is at most MS.")
    Double assertP99Ms;

    @Option(names = "--assert-mean-ms", paramLabel = "MS", defaultValue = "${env:TRAFFIC_ASSERT_MEAN_MS}",
            description = "Fail unless the mean response time is at most MS.")
    Double assertMeanMs;

    @Option(names = "--assert-max-ms", paramLabel = "MS", defaultValue = "${env:TRAFFIC_ASSERT_MAX_MS}",
            description = "Fail unless no response took longer than MS.")
    Double assertMaxMs;

    @Option(names = "--assert-rps-pct", paramLabel = "PCT", defaultValue = "${env:TRAFFIC_ASSERT_RPS_PCT}",
            description = "Fail unless the achieved rate is at least PCT%% of the requested rate.")
    Double assertRpsPct;

    @Option(names = "--verbose", description = "Show Gatling's own output, and stack traces on errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    TrafficGen(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the command with the given streams and returns its exit code; tests call this in-process. */
    static int execute(PrintStream out, PrintStream err, String... args) {
        TrafficGen command = new TrafficGen(out, err);
        CommandLine cli = new CommandLine(command)
                .registerConverter(Duration.class, TrafficGen::duration)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("traffic-gen: error: " + e.getMessage() + " (see --help)");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            int code = e instanceof TrafficGenException t ? t.exitCode() : ExitCodes.INTERNAL_ERROR;
            err.println("traffic-gen: error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (command.verbose) {
                e.printStackTrace(err);
            }
            return code;
        });
        return cli.execute(args);
    }

    /**
     * Reads {@code args} as traffic-gen would and sends nothing: the one-line message of the first problem, or null
     * when traffic-gen would start. Lets a caller (lab traffic start) refuse bad flags before it starts anything.
     */
    public static String problem(List<String> args) {
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        TrafficGen command = new TrafficGen(quiet, quiet);
        try {
            new CommandLine(command).registerConverter(Duration.class, TrafficGen::duration)
                    .parseArgs(args.toArray(String[]::new));
            command.toOptions();
            return null;
        } catch (CommandLine.ParameterException | TrafficGenException e) {
            return e.getMessage();
        }
    }

    @Override
    public Integer call() {
        TrafficOptions options = toOptions();
        TrafficRun run = new TrafficRun(options, err, verbose);
        GracefulStop stop = new GracefulStop(run::stop, options.timeout().plusSeconds(60));
        int code = ExitCodes.INTERNAL_ERROR;
        try {
            Summary summary = run.run();
            report(summary, options);
            code = summary.exitCode();
            return code;
        } catch (TrafficGenException e) {
            code = e.exitCode();
            throw e;
        } finally {
            stop.finished(code);
        }
    }

    private void report(Summary summary, TrafficOptions options) {
        if (options.summary() != null) {
            TrafficRun.writeSummary(summary, options.summary(), out);
        }
        if (options.summary() == null || !options.summary().toString().equals("-")) {
            SummaryTable.print(summary, out);
        }
        out.flush();
        for (AssertionResult a : summary.assertions()) {
            if (!a.passed()) {
                err.println("traffic-gen: " + a.describe());
            }
        }
        if (summary.exitCode() == ExitCodes.UNREACHABLE) {
            err.println("traffic-gen: error: none of " + summary.total().count() + " requests got a response from "
                    + summary.target());
        }
    }

    /** The flags as validated options; any contradiction is a usage error (exit 2). */
    TrafficOptions toOptions() {
        try {
            boolean forever = duration.strip().equalsIgnoreCase("forever");
            Duration length = forever ? TrafficOptions.UNTIL_STOPPED_CAP : Durations.parse(duration);
            ShapeFlags flags = new ShapeFlags(shape, rps, fromRps, rampOver, spikeRps, spikeEvery, spikeLength,
                    steps, stepLength, amplitude, period);
            return new TrafficOptions(parseTarget(target), flags.toShape(length, forever), length, forever,
                    requests(), mixFile(), parseHeaders(headers), users(), seed, timeout,
                    parseConnections(connections), summary == null || summary.toString().isBlank() ? null : summary,
                    reportDir, !noReport, progressEvery,
                    parseProgressFormat(progressFormat), new Thresholds(assertSuccessPct, assertP95Ms,
                    assertP99Ms, assertMeanMs, assertMaxMs, assertRpsPct));
        } catch (IllegalArgumentException e) {
            throw new TrafficGenException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private Users users() {
        Map<String, String> jar = new LinkedHashMap<>();
        for (String spec : cookies == null ? List.<String>of() : cookies) {
            if (!spec.isBlank()) {
                Map.Entry<String, String> c = Users.parseCookie(spec);
                jar.put(c.getKey(), c.getValue());
            }
        }
        Duration think = thinkTime != null ? thinkTime : requestsPerUser > 1 ? Users.DEFAULT_THINK_TIME : Duration.ZERO;
        return new Users(requestsPerUser, think, headerShare, jar, cookieShare);
    }

    private Path mixFile() {
        return mix == null || mix.toString().isBlank() ? null : mix;
    }

    /** The mix file's requests, or the --endpoint specs; a mix and an explicit --endpoint contradict each other. */
    private List<Endpoint> requests() {
        if (mixFile() == null) {
            return endpoints.stream().map(Endpoint::parse).toList();
        }
        if (spec != null && spec.commandLine().getParseResult().hasMatchedOption("--endpoint")) {
            throw new IllegalArgumentException("--mix and --endpoint both give the requests; use one");
        }
        return MixFile.load(mixFile());
    }

    private static URI parseTarget(String text) {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("target '" + text + "' is not a URL: " + e.getReason());
        }
    }

    private static Map<String, String> parseHeaders(List<String> specs) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String spec : specs == null ? List.<String>of() : specs) {
            if (spec.isBlank()) {
                continue;
            }
            int colon = spec.indexOf(':');
            if (colon <= 0 || spec.substring(0, colon).isBlank() || spec.substring(0, colon).contains(" ")) {
                throw new IllegalArgumentException("header '" + spec + "' is not 'Name: value'");
            }
            headers.put(spec.substring(0, colon).strip(), spec.substring(colon + 1).strip());
        }
        return headers;
    }

    private static boolean parseConnections(String mode) {
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "shared" -> true;
            case "per-user" -> false;
            default -> throw new IllegalArgumentException("--connections must be shared or per-user, got '" + mode + "'");
        };
    }

    private static ProgressReporter.Format parseProgressFormat(String format) {
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> ProgressReporter.Format.TEXT;
            case "json" -> ProgressReporter.Format.JSON;
            default -> throw new IllegalArgumentException("--progress-format must be text or json, got '" + format + "'");
        };
    }

    private static Duration duration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The version from the jar manifest, "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TrafficGen.class.getPackage().getImplementationVersion();
            return new String[] {"traffic-gen " + (v != null ? v : "dev")};
        }
    }
}
