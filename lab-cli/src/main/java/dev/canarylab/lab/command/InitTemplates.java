package dev.canarylab.lab.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canarylab.lab.config.ConfigLoader;
import dev.canarylab.traffic.mix.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The text of the files {@code lab init} writes: commented, so that each file explains itself. */
final class InitTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the service is launched, as {@code lab init}'s options gave it. */
    sealed interface Service {

        /** @param regressed the known-worse release, or null when the user gave none */
        record Cmd(List<String> command, List<String> regressed, String portEnv, String readyPath) implements Service {
            @Override
            public String launch(boolean worse) {
                return "    command: " + list(worse ? regressed : command) + "   # the argv, run without a shell\n";
            }
        }

        record Jar(String jar, String regressed, List<String> args, String portEnv, String readyPath) implements Service {
            @Override
            public String launch(boolean worse) {
                return "    jar: " + str(worse ? regressed : jar) + "   # run as: java JVMARGS -jar JAR ARGS; it must"
                        + " exist when the lab reads this file\n    args: " + list(args) + "\n    # jvmArgs: [-Xmx256m]\n";
            }
        }

        record Image(String image, String regressed, int port, String readyPath) implements Service {
            @Override
            public String launch(boolean worse) {
                return "    image: " + str(worse ? regressed : image) + "   # for --runtime k3s or kube; the local"
                        + " runtime runs a command or a jar\n    port: " + port + "   # the port the container listens on\n";
            }

            @Override
            public String portEnv() {
                return null;
            }

            @Override
            public boolean local() {
                return false;
            }
        }

        /** The lines that start the release (the known-worse one with {@code worse}). */
        String launch(boolean worse);

        Object regressed();

        String portEnv();

        String readyPath();

        default boolean local() {
            return true;
        }
    }

    private InitTemplates() {
    }

    static String catalog(Service service) {
        boolean known = service.regressed() != null;
        return """
                # The releases of your service that the lab can deploy (written by `lab init`; docs/own-service.md).
                # The lab starts every instance itself, on a free loopback port of its own: ${PORT}. It also fills in
                # ${VERSION}, ${TRACK} (stable, baseline or canary) and ${INSTANCE}. Relative paths start here.
                stable: v1                 # what every scenario starts from on the stable track
                versions:
                  v1:
                    color: blue
                    story: The release in production today.
                %s
                  v2:
                    color: green
                    story: The release under test. In CI, point it at the pull request's build.
                %s
                  v2-regressed:
                    color: red
                    story: %s
                %s""".formatted(launch(service, false), launch(service, false),
                known ? "A release known to be worse; catch-regression.yaml proves that the gate can say no."
                        : "TO DO - a release known to be worse (the last bad build, or this one with a switch that"
                        + " slows it down); as written it is v2, and catch-regression.yaml will fail.",
                launch(service, known));
    }

    private static String launch(Service service, boolean regressed) {
        StringBuilder s = new StringBuilder(service.launch(regressed));
        if (service.portEnv() != null) {
            s.append("    env: {").append(service.portEnv()).append(": \"${PORT}\"}   # the service reads its port here\n");
        }
        s.append(service.readyPath() == null
                ? "    readiness: tcp             # ready once the port accepts connections; or {path: /health, status: 200}\n"
                : "    readiness: {path: " + str(service.readyPath()) + ", status: 200}   # or: tcp (the port accepts connections)\n");
        if (service.local()) {
            s.append("    startTimeout: 60s          # not ready by then: the instance failed\n");
        }
        s.append("    # metricsPath: /metrics    # if it answers Prometheus text: then the judge can compare its JVM heap");
        return s.toString();
    }

    /** The lab's built-in config for a service of one's own, written out so that a team can tune it. */
    static String canaryConfig() {
        try (InputStream in = InitTemplates.class.getResourceAsStream(ConfigLoader.SERVICE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(ConfigLoader.SERVICE_RESOURCE + " missing from the jar");
            }
            return "# Written by `lab init`: the lab's built-in config for a service of your own (docs/judge.md).\n"
                    + "# An error is a 5xx answer or no answer at the router (docs/traffic-gen.md, request mixes).\n"
                    + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String requests(List<Endpoint> endpoints) {
        String list = endpoints.stream().map(e -> "  - " + (e.method().equals("GET") ? "" : "method: " + e.method()
                        + "\n    ") + "path: " + str(e.path()) + "\n    weight: " + e.weight())
                .collect(Collectors.joining("\n"));
        return """
                # The traffic the lab sends while it compares the releases (docs/traffic-gen.md, "Request-mix files").
                # Each request: path, and optionally name, method, headers, body, weight and success (the statuses
                # that count as success for traffic-gen; default 2xx and 3xx). For example:
                #  - name: place order
                #    method: POST
                #    path: /orders
                #    headers: {X-Tenant: acme}
                #    body: {item: book, quantity: 1}   # sent as JSON
                #    weight: 2
                #    success: [201]
                requests:
                %s
                """.formatted(list);
    }

    static String scenario(String name, String title, String version, String expect) {
        return """
                # `lab test %s.yaml`: a rollout with a known ending, checked in CI (docs/rollouts.md).
                title: %s
                stable: v1
                version: %s
                strategy: canary           # the built-in canary: weights 10%%, 25%%, an analysis, 40%%
                config: canary.yaml
                rps: 40                    # requests per second through the router (doubled by lab test's ci pace)
                traffic: {mix: requests.yaml}
                expect: %s
                """.formatted(name, title, version, expect);
    }

    static String nextSteps(Path dir, Service service, boolean regressedGiven) {
        Path d = dir.normalize();
        String in = d.toString().isEmpty() || d.toString().equals(".") ? "" : d + "/";
        String runtime = service.local() ? "" : "--runtime k3s ";
        return """
                Wrote %slab.yaml, canary.yaml, requests.yaml, promote.yaml and catch-regression.yaml.
                Next:
                  1. lab.yaml: v1 is the release in production, v2 the one under test%s.
                  2. requests.yaml: your endpoints and how often each is called.
                  3. scripts/lab test %s--catalog %slab.yaml --junit lab-test.xml %spromote.yaml %scatch-regression.yaml
                """.formatted(in, regressedGiven ? ", v2-regressed one known to be worse"
                        : "; give v2-regressed a release known to be worse", runtime, in, in, in);
    }

    private static String list(List<String> words) {
        return words.stream().map(InitTemplates::str).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A YAML double-quoted scalar: JSON's string syntax, which YAML reads the same. */
    private static String str(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
