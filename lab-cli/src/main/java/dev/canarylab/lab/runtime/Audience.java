package dev.canarylab.lab.runtime;

import dev.canarylab.lab.LabException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/**
 * Audience mode ({@code lab up --audience}): a second door into the router, on an address the room's network
 * reaches, for phones. Only the router listens there; the control API and the dashboard stay on loopback. Every
 * client of that door is held to {@code perClientRate} requests a second (bursts of twice as many) and kept on
 * one version by session affinity; the lab's own port (traffic-gen, the lab's commands) is not limited.
 *
 * @param address where it listens: an address of this machine, or 0.0.0.0 / :: for all of them
 * @param port its port (0: a free one)
 * @param perClientRate requests a second one client (one remote address) may send on average
 */
public record Audience(String address, int port, int perClientRate) {

    /** A phone refreshing every second or two, plus its page and script: 5 a second leaves room for a few behind one NAT. */
    public static final int DEFAULT_RATE = 5;
    /** The most the option accepts: past it the limit protects nothing. */
    public static final int MAX_RATE = 1000;
    /** The audience page on the router. */
    public static final String PAGE = "/audience";

    public Audience {
        if (perClientRate < 1 || perClientRate > MAX_RATE) {
            throw LabException.badInput("--audience-rate is 1 to " + MAX_RATE + " requests a second per client, got "
                    + perClientRate);
        }
        if (port < 0 || port > 65535) {
            throw LabException.badInput("the audience port is 1 to 65535 (0 picks a free one), got " + port);
        }
    }

    /**
     * The audience page's address as a phone in the room types it: for a wildcard, this machine's first address
     * on a network (loopback only when it has none).
     */
    public String url(int boundPort) {
        String host = address;
        try {
            InetAddress a = InetAddress.getByName(address);
            if (a.isAnyLocalAddress()) {
                host = networkAddress();
            } else if (a instanceof Inet6Address) {
                host = "[" + a.getHostAddress() + "]";
            }
        } catch (UnknownHostException e) {
            // a name: phones resolve it themselves
        }
        return "http://" + host + ":" + boundPort + PAGE;
    }

    private static String networkAddress() {
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (n.isUp() && !n.isLoopback() && !n.isVirtual()) {
                    for (InetAddress a : Collections.list(n.getInetAddresses())) {
                        if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                            return a.getHostAddress();
                        }
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: loopback is all there is
        }
        return "127.0.0.1";
    }

    /** Requests one client may send at once before the rate applies. */
    public int burst() {
        return 2 * perClientRate;
    }
}
