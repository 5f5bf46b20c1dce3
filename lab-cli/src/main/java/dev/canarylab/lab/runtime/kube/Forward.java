package dev.canarylab.lab.runtime.kube;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.PortForward;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A loopback port forwarded to a Service, like {@code kubectl port-forward svc/NAME}, except that the pod is
 * chosen for each connection among the ready ones (round robin): the forward survives pod restarts and
 * rollouts, which a presenter's browser tab and Prometheus queries need during a canary release.
 */
final class Forward implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final String service;
    private final String portName;
    private final ServerSocketChannel server;
    private final Consumer<String> log;
    private final AtomicInteger next = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private Forward(KubernetesClient client, String namespace, String service, String portName, Consumer<String> log) throws IOException {
        this.client = client;
        this.namespace = namespace;
        this.service = service;
        this.portName = portName;
        this.log = log;
        this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.acceptor = new Thread(this::acceptLoop, "forward-" + service);
        acceptor.setDaemon(true);
    }

    /** Forwards a free loopback port to {@code namespace/service}'s port named {@code portName} (or its first port). */
    static Forward open(KubernetesClient client, String namespace, String service, String portName, Consumer<String> log) {
        try {
            Forward f = new Forward(client, namespace, service, portName, log);
            f.acceptor.start();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for " + service + ": " + e.getMessage(), e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.socket().getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel socket = server.accept();
                try {
                    connect(socket);
                } catch (RuntimeException e) {
                    log.accept("port-forward to " + namespace + "/" + service + ": " + e.getMessage());
                    socket.close();
                }
            } catch (IOException e) {
                if (!closed) {
                    log.accept("port-forward to " + namespace + "/" + service + " stopped: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void connect(SocketChannel socket) {
        Service svc = client.services().inNamespace(namespace).withName(service).get();
        if (svc == null) {
            throw new KubernetesClientException("no Service " + service);
        }
        ServicePort port = svc.getSpec().getPorts().stream().filter(p -> Objects.equals(p.getName(), portName))
                .findFirst().orElse(svc.getSpec().getPorts().get(0));
        List<Pod> ready = client.pods().inNamespace(namespace).withLabels(svc.getSpec().getSelector()).list().getItems()
                .stream().filter(Forward::ready).toList();
        if (ready.isEmpty()) {
            throw new KubernetesClientException("no ready pod behind " + service);
        }
        Pod pod = ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
        int target = targetPort(port, pod);
        PortForward pf = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                .portForward(target, socket, socket);
        Thread closer = new Thread(() -> {
            while (pf.isAlive() && socket.isOpen() && !closed) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                pf.close();
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }, "forward-" + service + "-conn");
        closer.setDaemon(true);
        closer.start();
    }

    private static int targetPort(ServicePort port, Pod pod) {
        IntOrString t = port.getTargetPort();
        if (t == null) {
            return port.getPort();
        }
        if (t.getIntVal() != null) {
            return t.getIntVal();
        }
        return pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .filter(p -> t.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new KubernetesClientException("pod " + pod.getMetadata().getName()
                        + " has no port named " + t.getStrVal()));
    }

    private static boolean ready(Pod p) {
        return p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
