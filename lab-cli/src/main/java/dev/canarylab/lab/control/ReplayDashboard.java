package dev.canarylab.lab.control;

import dev.canarylab.lab.rollout.RolloutRecord;
import dev.canarylab.lab.traffic.TrafficDriver;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard of a replay: a control server on loopback over a {@link ReplayRuntime}, fed by a
 * {@link RolloutFeed} exactly as a live rollout feeds its lab's dashboard. No traffic can be started.
 */
public final class ReplayDashboard implements AutoCloseable {

    private final ControlServer server;
    private final RolloutFeed feed;

    private ReplayDashboard(ControlServer server) {
        this.server = server;
        this.feed = new RolloutFeed(new ControlClient(new LabState(ProcessHandle.current().pid(), server.url(), null,
                server.token(), Instant.now())));
    }

    public static ReplayDashboard start(RolloutRecord record, Clock clock) {
        ControlServer server = ControlServer.start(new ReplayRuntime(record, clock), new NoTraffic(), null, () -> { });
        return new ReplayDashboard(server);
    }

    /** Feed the replay's events and looks to this. */
    public RolloutFeed feed() {
        return feed;
    }

    /** The page's address, with its token. */
    public String url() {
        return server.dashboardUrl();
    }

    /** The replay ended: the dashboard shows the recorded outcome. */
    public void finished(RolloutRecord record) {
        feed.finished(record, null);
    }

    @Override
    public void close() {
        server.close();
    }

    private static final class NoTraffic implements TrafficDriver {
        @Override
        public String start(String target, List<String> flags) {
            throw dev.canarylab.lab.LabException.badInput("a replay sends no traffic");
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
