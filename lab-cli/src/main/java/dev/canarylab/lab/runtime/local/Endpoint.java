package dev.canarylab.lab.runtime.local;

import dev.canarylab.lab.runtime.Track;

/** A ready replica as the router sees it. */
record Endpoint(Track track, String version, String instance, int port) {

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
