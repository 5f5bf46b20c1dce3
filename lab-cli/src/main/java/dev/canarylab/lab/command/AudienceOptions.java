package dev.canarylab.lab.command;

import dev.canarylab.lab.LabException;
import dev.canarylab.lab.narration.Narrator;
import dev.canarylab.lab.narration.QrCode;
import dev.canarylab.lab.runtime.Audience;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code --audience ADDRESS[:PORT]} and {@code --audience-rate}: audience mode, for {@code lab up} and {@code lab demo}. */
public final class AudienceOptions {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern WITH_PORT = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([0-9.]+))(?::(\\d{1,5}))?");

    @Option(names = "--audience", paramLabel = "ADDRESS[:PORT]", defaultValue = "${env:LAB_AUDIENCE}",
            description = "Audience mode: phones in the room open the router's audience page on this address of"
                    + " this machine (0.0.0.0: all of them); PORT defaults to --port + 1. The control API and the"
                    + " dashboard stay on loopback (LAB_AUDIENCE).")
    String audience;

    @Option(names = "--audience-rate", paramLabel = "N", defaultValue = "${env:LAB_AUDIENCE_RATE:-5}",
            description = "Requests a second each audience client (remote address) may send, in bursts of twice as"
                    + " many; past it the router answers 429. The lab's own port is not limited (LAB_AUDIENCE_RATE;"
                    + " default: ${DEFAULT-VALUE}).")
    int rate;

    /**
     * The audience mode asked for, checked before anything starts; null when it is off.
     *
     * @param routerHost the router's own address (--host), whose port the audience's must not take
     */
    Audience resolve(int routerPort, String routerHost, boolean localRuntime) {
        if (audience == null) {
            return null;
        }
        if (!localRuntime) {
            throw LabException.badInput("--audience applies to the local runtime: on a cluster, expose the canary"
                    + " service through its own ingress");
        }
        Matcher m = WITH_PORT.matcher(audience.strip());
        String address = m.matches() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
        InetAddress ip = address == null ? null : literal(address);
        if (ip == null) {
            throw LabException.badInput("--audience takes an IP address of this machine and an optional port, such as"
                    + " 192.168.1.20, 0.0.0.0:8081 or [::]:8081, got '" + audience + "'");
        }
        int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : routerPort == 0 || routerPort == 65535 ? 0 : routerPort + 1;
        if (port > 65535) {
            throw LabException.badInput("--audience " + audience + ": a port is 1 to 65535 (0 picks a free one), got "
                    + m.group(3));
        }
        if (ip.isMulticastAddress() || !local(ip)) {
            throw LabException.badInput("--audience " + ip.getHostAddress() + " is not an address of this machine"
                    + " (it has " + String.join(", ", addresses()) + "; 0.0.0.0 listens on all of them)");
        }
        if (port != 0 && port == routerPort && overlaps(ip, routerHost)) {
            throw LabException.badInput("--audience " + audience + " takes the router's own port " + routerPort
                    + " on the same address; give the audience another port (ADDRESS:PORT)");
        }
        return new Audience(ip.getHostAddress(), port, rate);
    }

    /** The same choice as arguments, for the background process of {@code lab up -d}. */
    List<String> args() {
        return audience == null ? List.of() : List.of("--audience", audience, "--audience-rate", Integer.toString(rate));
    }

    /** Tells the speaker where the phones go: the address, then its QR code (colours only on a terminal). */
    static void announce(PrintWriter out, String url, int rate) {
        out.println("audience: " + url + " (phones scan this; each at most " + rate + " requests/s; the dashboard"
                + " counts them per version)");
        out.print(QrCode.of(url).terminal(Narrator.terminal()));
        out.flush();
    }

    /** An IP literal, never a name: no lookup, and a QR code the phones can use. */
    private static InetAddress literal(String text) {
        if (!text.contains(":") && !IPV4.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean local(InetAddress ip) {
        if (ip.isAnyLocalAddress() || ip.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(ip) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean overlaps(InetAddress ip, String routerHost) {
        InetAddress router = literal(routerHost);
        return router == null || ip.isAnyLocalAddress() || router.isAnyLocalAddress() || router.equals(ip);
    }

    private static List<String> addresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface n : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (n.isUp()) {
                    n.inetAddresses().filter(a -> !a.isLinkLocalAddress()).forEach(a -> out.add(a.getHostAddress()));
                }
            }
        } catch (SocketException e) {
            // none to list
        }
        return out.isEmpty() ? List.of("127.0.0.1") : out;
    }
}
