package dev.canarylab.lab.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.Affinity;
import dev.canarylab.lab.runtime.LabRuntime;
import dev.canarylab.lab.runtime.MetricSource;
import dev.canarylab.lab.runtime.Mirror;
import dev.canarylab.lab.runtime.RouteMatch;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Routing;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.Telemetry;
import dev.canarylab.lab.runtime.Track;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routes, affinity and mirroring through the control API, as 'lab rollout' drives them from another process. */
class RoutingApiTest {

    private ControlServer server;

    /** Routes by weight only (the kube runtime, for now): the interface's defaults. */
    private static class WeightsOnly implements LabRuntime {
        @Override
        public void deploy(String version, Track track, int replicas) {
        }

        @Override
        public void setWeight(int percent) {
        }

        @Override
        public void promote() {
        }

        @Override
        public void rollback() {
        }

        @Override
        public RuntimeStatus status() {
            return new RuntimeStatus("http://127.0.0.1:1", 0, Instant.EPOCH, "lab up", List.of());
        }

        @Override
        public Telemetry telemetry() {
            return null;
        }

        @Override
        public MetricSource metricSource() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    /** Keeps what it is told and reports it in its status, as the local runtime does. */
    private static final class RoutingRuntime extends WeightsOnly {
        final List<RouteRule> rules = new ArrayList<>();
        Affinity affinity;
        Mirror mirror = Mirror.OFF;

        @Override
        public RuntimeStatus status() {
            return new RuntimeStatus("http://127.0.0.1:1", 0, Instant.EPOCH, "lab up", List.of(),
                    new Routing(rules, affinity, mirror, 12, 3));
        }

        @Override
        public void setRoute(RouteRule rule) {
            rules.add(rule);
        }

        @Override
        public void removeRoute(String name) {
            if (!rules.removeIf(r -> r.name().equals(name))) {
                throw LabException.badInput("no route named '" + name + "'");
            }
        }

        @Override
        public void setAffinity(Affinity a) {
            affinity = a;
        }

        @Override
        public void clearAffinity() {
            affinity = null;
        }

        @Override
        public void setMirror(Mirror m) {
            mirror = m;
        }
    }

    private RemoteRuntime remote(LabRuntime runtime) {
        server = ControlServer.start(runtime, new NoTraffic(), "http://127.0.0.1:1", () -> { });
        return new RemoteRuntime(new ControlClient(new LabState(ProcessHandle.current().pid(), server.url(),
                "http://127.0.0.1:1", server.token(), Instant.now())));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void routesAffinityAndMirrorSetFromAnotherProcessArriveIntactAndComeBackInTheStatus() {
        RoutingRuntime runtime = new RoutingRuntime();
        RemoteRuntime remote = remote(runtime);
        RouteRule beta = new RouteRule("beta", List.of(RouteMatch.header("X-Beta", RouteMatch.Mode.EXACT, "on"),
                RouteMatch.cookie("plan", RouteMatch.Mode.REGEX, "pro|team")), Track.CANARY);
        remote.setRoute(beta);
        remote.setAffinity(new Affinity("sticky", 600));
        remote.setMirror(new Mirror(50, List.of(RouteMatch.header("X-Dark", RouteMatch.Mode.PREFIX, "y"))));
        assertThat(runtime.rules).containsExactly(beta);
        Routing back = remote.status().routing();
        assertThat(back).isEqualTo(new Routing(List.of(beta), new Affinity("sticky", 600),
                new Mirror(50, List.of(RouteMatch.header("X-Dark", RouteMatch.Mode.PREFIX, "y"))), 12, 3));
        remote.removeRoute("beta");
        remote.clearAffinity();
        remote.setMirror(Mirror.OFF);
        assertThat(remote.status().routing()).isEqualTo(new Routing(List.of(), null, Mirror.OFF, 12, 3));
    }

    @Test
    void aBadRouteOrAnUnknownNameIsOneLineWithExitTwoAndChangesNothing() {
        RoutingRuntime runtime = new RoutingRuntime();
        remote(runtime);
        ControlClient client = new ControlClient(new LabState(ProcessHandle.current().pid(), server.url(),
                "http://127.0.0.1:1", server.token(), Instant.now()));
        String badRegex = "{\"name\":\"beta\",\"track\":\"canary\",\"match\":[{\"source\":\"header\","
                + "\"name\":\"X-User\",\"mode\":\"regex\",\"value\":\"(unclosed\"}]}";
        assertThatThrownBy(() -> client.post("/v1/routes", new RawJson(badRegex), Duration.ofSeconds(5)))
                .isInstanceOf(LabException.class).hasMessageStartingWith("invalid regular expression '(unclosed'")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThatThrownBy(() -> new RemoteRuntime(client).removeRoute("nope"))
                .isInstanceOf(LabException.class).hasMessage("no route named 'nope'");
        assertThat(runtime.rules).isEmpty();
    }

    @Test
    void aRuntimeWithoutRoutingRefusesInOneLineNamingTheRuntimeThatHasIt() {
        RemoteRuntime remote = remote(new WeightsOnly());
        RouteRule beta = new RouteRule("beta", List.of(RouteMatch.header("X-Beta", RouteMatch.Mode.EXACT, "on")),
                Track.CANARY);
        assertThatThrownBy(() -> remote.setRoute(beta)).isInstanceOf(LabException.class)
                .hasMessage("header and cookie routes: not available on this runtime yet; the local runtime has it"
                        + " ('lab up --runtime local')");
        assertThatThrownBy(() -> remote.setMirror(Mirror.percent(10))).isInstanceOf(LabException.class)
                .hasMessageStartingWith("mirroring: not available on this runtime yet");
    }

    /** A body sent as is, to test what the server does with JSON the lab's own client would not write. */
    private record RawJson(String json) {
        @com.fasterxml.jackson.annotation.JsonValue
        @com.fasterxml.jackson.annotation.JsonRawValue
        public String json() {
            return json;
        }
    }

    private static final class NoTraffic implements TrafficDriver {
        @Override
        public String start(String target, List<String> flags) {
            return "";
        }

        @Override
        public String stop() {
            return "";
        }

        @Override
        public boolean running() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
