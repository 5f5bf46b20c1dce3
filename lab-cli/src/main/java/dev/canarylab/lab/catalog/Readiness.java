package dev.canarylab.lab.catalog;

/**
 * How the lab tells that an instance of a service is ready: an HTTP GET answering an expected status, or a TCP
 * connection accepted on its port (the two probes a Kubernetes container most often has).
 */
public sealed interface Readiness {

    /** What the check does, for messages: "GET http://127.0.0.1:8080/health expecting 200", "TCP connect". */
    String describe(String host, int port);

    /** {@code GET path} must answer {@code status}. */
    record Http(String path, int status) implements Readiness {

        @Override
        public String describe(String host, int port) {
            return "GET http://" + host + ":" + port + path + " expecting " + status;
        }
    }

    /** A TCP connection to the port must be accepted. */
    record Tcp() implements Readiness {

        @Override
        public String describe(String host, int port) {
            return "TCP connect to " + host + ":" + port;
        }
    }
}
