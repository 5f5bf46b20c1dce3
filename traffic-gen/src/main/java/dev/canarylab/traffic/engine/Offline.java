package dev.canarylab.traffic.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Gatling from calling home. Besides analytics (off in gatling.conf), Gatling 3.15 asks Maven Central for
 * its latest version through {@code java.net.URL}, which no setting turns off. A lab must send traffic only
 * to its own targets, so every URLConnection in this JVM goes through a proxy that refuses at once; the load
 * itself uses Gatling's Netty client, which does not consult the default ProxySelector.
 */
final class Offline {

    /** Port 1 on loopback (tcpmux) is closed on any ordinary machine, so connections fail immediately. */
    private static final Proxy NOWHERE = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 1));
    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger PREFS_LOG = Logger.getLogger("java.util.prefs");

    private Offline() {
    }

    static void install() {
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(NOWHERE);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // Expected: nothing is meant to get through.
            }
        });
        // Gatling caches the failed check in java.util.prefs, which logs on stderr when it creates its folder, or
        // cannot (a read-only home in a container). Neither matters to a load run.
        PREFS_LOG.setLevel(Level.OFF);
    }
}
