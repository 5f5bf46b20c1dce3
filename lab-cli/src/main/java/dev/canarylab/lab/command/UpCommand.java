package dev.canarylab.lab.command;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.catalog.Catalog;
import dev.canarylab.lab.catalog.CatalogLoader;
import dev.canarylab.lab.control.ControlClient;
import dev.canarylab.lab.control.StateFile;
import dev.canarylab.lab.runtime.Audience;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.runtime.TrackStatus;
import dev.canarylab.lab.runtime.local.LocalRuntime;
import dev.canarylab.lab.metrics.PrometheusSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lab up}: the local runtime, its router and the stable version, in the foreground or detached. */
@Command(name = "up", sortOptions = false,
        description = {"Starts the local runtime: the router on --port and the catalogue's stable version.",
            "In the foreground (logs on stderr, Ctrl-C stops everything) unless -d.",
            "With --audience, phones in the room join the release through the router (a QR code shows where)."})
public final class UpCommand implements Callable<Integer> {

    @Option(names = {"-d", "--detach"}, description = "Run in the background; return once stable is ready. 'lab down' stops it.")
    boolean detach;

    @Mixin
    InstanceOptions instance;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "${env:LAB_HOST:-127.0.0.1}",
            description = "Router address; 0.0.0.0 lets others on the network in (LAB_HOST; default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "${env:LAB_REPLICAS:-1}",
            description = "Replicas of the stable version (LAB_REPLICAS; default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "${env:LAB_INSTANCE_HEAP:-128m}",
            description = "Maximum heap of each instance, as java -Xmx (LAB_INSTANCE_HEAP; default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "${env:LAB_TIMEOUT:-60}", converter = TimeoutConverter.class,
            description = "How long stable may take to become ready (LAB_TIMEOUT; default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--prometheus", defaultValue = "${env:LAB_PROMETHEUS:-false}",
            description = "Also start Prometheus on loopback, scraping the router and every instance each second; "
                    + "analyses read from it (LAB_PROMETHEUS).")
    boolean prometheus;

    @Option(names = "--prometheus-bin", paramLabel = "PATH", defaultValue = "${env:LAB_PROMETHEUS_BIN}",
            description = "The prometheus program for --prometheus, which it implies (LAB_PROMETHEUS_BIN; "
                    + "default: prometheus on the PATH).")
    Path prometheusBin;

    @Option(names = "--prometheus-url", paramLabel = "URL", defaultValue = "${env:LAB_PROMETHEUS_URL}",
            description = "Analyses read from this running Prometheus, which must scrape the lab (LAB_PROMETHEUS_URL)."
                    + " Not with --prometheus.")
    String prometheusUrl;

    @Mixin
    AudienceOptions audienceOptions;

    @Mixin
    StateDirOption state;

    // The k3s and kube runtimes (issue 8): --runtime, --kubeconfig, --context, --namespace, --registry.
    @Mixin
    RuntimeOptions runtimeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StateFile file = state.stateFile();
        file.removeStale().ifPresent(notice -> {
            spec.commandLine().getErr().println("lab: " + notice);
            spec.commandLine().getErr().flush();
        });
        ControlClient.find(file).ifPresent(c -> {
            throw new LabException(ExitCodes.ALREADY_RUNNING, "a lab is already running (pid " + c.state().pid()
                    + ", router " + c.state().routerUrl() + "); 'lab down' stops it");
        });
        if (!host.matches("[0-9A-Za-z.:-]+") || heap.isBlank() || !heap.matches("[0-9]+[kKmMgG]?")) {
            throw LabException.badInput("--host must be an address and --heap a size such as 128m");
        }
        checkPrometheusFlags();
        runtimeOptions.validate();
        Audience audience = audienceOptions.resolve(instance.port, host, runtimeOptions.local());
        Catalog cat = CatalogLoader.load(instance.catalog);
        file.createDirectory();
        if (detach) {
            return new Detacher(this, file).run();
        }
        return foreground(cat, file, audience);
    }

    private int foreground(Catalog cat, StateFile file, Audience audience) throws InterruptedException {
        Consumer<String> log = line -> System.err.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " lab: " + line);
        LocalLab[] lab = new LocalLab[1];
        CountDownLatch stopped = new CountDownLatch(1);
        CtrlC ctrlC = CtrlC.install("lab-shutdown", () -> {
            if (lab[0] != null) {
                log.accept("stopping");
                lab[0].close();
            }
            stopped.countDown();
        });
        try {
            lab[0] = LocalLab.start(runtimeOptions, cat, new LocalRuntime.Settings(instance.sampleJar, host,
                    instance.port, heap, instance.seed, replicas).withAudience(audience), instance.trafficJar, file, Duration.ofSeconds(timeoutSeconds), log, this::prometheus,
                    () -> System.exit(ExitCodes.OK));
        } catch (RuntimeException e) {
            // Clean up now rather than at exit: the command may run inside a longer-lived JVM (tests, lab demo).
            ctrlC.windDownNow();
            throw e;
        }
        RuntimeStatus status = lab[0].runtime().status();
        TrackStatus stable = status.track(Track.STABLE);
        URI prom = lab[0].prometheus();
        // One write, so that whoever watches the output (a script, a CI log) sees both lines together.
        // Detached, the dashboard line goes to lab.log: the token only reaches a terminal.
        spec.commandLine().getOut().print("lab up: router " + status.routerUrl() + ", stable " + stable.version()
                + " (" + stable.color() + ") " + stable.ready() + "/" + stable.desired() + " ready"
                + (prom == null ? "" : ", metrics from Prometheus " + prom) + " (Ctrl-C or 'lab down' stops it)"
                + System.lineSeparator() + "dashboard: " + DashboardAddress.forLine(lab[0].state(),
                DashboardAddress.Stream.OUT, true) + System.lineSeparator());
        lab[0].runtime().audience().ifPresent(a -> AudienceOptions.announce(spec.commandLine().getOut(), a.url(),
                audience.perClientRate()));
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** The Prometheus analyses read from: started here (--prometheus), an existing one (--prometheus-url), or none. */
    private URI prometheus(dev.canarylab.lab.runtime.LabRuntime runtime) {
        if (!(runtime instanceof LocalRuntime local)) {
            return null;
        }
        if (prometheusBin != null) {
            local.startPrometheus(prometheusBin, state.dir, Duration.ofSeconds(timeoutSeconds));
        } else if (prometheusUrl != null) {
            URI url = URI.create(prometheusUrl);
            String down = new PrometheusSource(PrometheusSource.Settings.local(url), t -> null).probe();
            if (down != null) {
                throw new LabException(ExitCodes.NOT_READY, down + " (--prometheus-url)");
            }
            local.usePrometheus(url);
        }
        return local.prometheusUrl();
    }

    /**
     * Rejects impossible combinations and resolves the prometheus program: --prometheus-bin, else prometheus on
     * the PATH. Afterwards {@code prometheusBin} is set exactly when the lab starts its own Prometheus.
     */
    private void checkPrometheusFlags() {
        if ((prometheus || prometheusBin != null || prometheusUrl != null) && !runtimeOptions.local()) {
            throw LabException.badInput("--prometheus, --prometheus-bin and --prometheus-url apply to the local runtime;"
                    + " the k3s and kube runtimes run their own Prometheus in the cluster");
        }
        if (prometheusUrl != null && !prometheusUrl.isBlank()) {
            if (prometheus || prometheusBin != null) {
                throw LabException.badInput("--prometheus-url reads from a running Prometheus and --prometheus starts"
                        + " one: give only one of them");
            }
            URI url;
            try {
                url = new URI(prometheusUrl);
            } catch (java.net.URISyntaxException e) {
                url = null;
            }
            if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw LabException.badInput("--prometheus-url must be an http:// or https:// URL such as "
                        + "http://127.0.0.1:9090, got '" + prometheusUrl + "'");
            }
            return;
        }
        prometheusUrl = null;
        if (prometheusBin != null) {
            if (!Files.isRegularFile(prometheusBin) || !Files.isExecutable(prometheusBin)) {
                throw new LabException(ExitCodes.MISSING_JAR, "--prometheus-bin " + prometheusBin
                        + " is not an executable file");
            }
        } else if (prometheus) {
            prometheusBin = onPath("prometheus");
            if (prometheusBin == null) {
                throw new LabException(ExitCodes.MISSING_JAR, "--prometheus needs the prometheus program, which is"
                        + " not on the PATH; install it (Debian, Ubuntu: apt-get install prometheus) or give "
                        + "--prometheus-bin PATH");
            }
        }
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toAbsolutePath();
            }
        }
        return null;
    }

    /** The arguments that make a foreground {@code lab up} with the same settings. */
    java.util.List<String> foregroundArgs() {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("up", "--host", host,
                "--replicas", Integer.toString(replicas), "--heap", heap, "--timeout", Integer.toString(timeoutSeconds), "--state-dir", state.dir.toString()));
        if (prometheusBin != null) {
            args.addAll(java.util.List.of("--prometheus-bin", prometheusBin.toString()));
        } else if (prometheusUrl != null) {
            args.addAll(java.util.List.of("--prometheus-url", prometheusUrl));
        }
        args.addAll(instance.args());
        args.addAll(runtimeOptions.args());
        args.addAll(audienceOptions.args());
        return args;
    }

    int timeoutSeconds() {
        return timeoutSeconds;
    }

    AudienceOptions audienceOptions() {
        return audienceOptions;
    }

    CommandSpec spec() {
        return spec;
    }
}
