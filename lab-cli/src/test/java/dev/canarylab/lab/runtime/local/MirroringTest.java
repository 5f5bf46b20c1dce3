package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.runtime.Track;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

class MirroringTest {

    @Test
    void copiesBeyondTheQueueAreDroppedAndCountedWithoutEverBlockingTheCaller() throws Exception {
        // A canary that accepts connections and never answers: every copy stays in flight or in the queue.
        try (ServerSocket silent = new ServerSocket(0); Mirroring m = new Mirroring(new RouterTelemetry(16))) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Endpoint canary = new Endpoint(Track.CANARY, "v2", "v2-canary-1", silent.getLocalPort());
            int offered = Mirroring.QUEUE + Mirroring.IN_FLIGHT + 500;
            for (int i = 0; i < offered; i++) {
                m.offer(new Mirroring.Copy(canary, "GET", "/api/color", HttpFields.EMPTY));
            }
            // The dispatcher takes IN_FLIGHT copies off the queue, plus one waiting for a slot; the queue holds QUEUE more.
            assertThat(m.dropped()).isBetween(500L - 1, 500L + Mirroring.IN_FLIGHT);
            assertThat(m.sent()).isLessThanOrEqualTo(Mirroring.IN_FLIGHT);
        }
    }
}
