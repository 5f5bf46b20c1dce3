package dev.canarylab.lab.command;

import dev.canarylab.lab.runtime.InstanceStatus;
import dev.canarylab.lab.runtime.RouteRule;
import dev.canarylab.lab.runtime.Routing;
import dev.canarylab.lab.runtime.RuntimeStatus;
import dev.canarylab.lab.runtime.TrackStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code lab status} as people read it, laid out like {@code kubectl argo rollouts get rollout}. */
final class StatusText {

    private StatusText() {
    }

    static String render(RuntimeStatus s, Instant now) {
        StringBuilder b = new StringBuilder();
        String health = s.tracks().stream().map(TrackStatus::health)
                .reduce((a, c) -> rank(a) >= rank(c) ? a : c).orElse("Healthy");
        line(b, "Name:", "canary-lab (local runtime)");
        line(b, "Router:", s.routerUrl() + "   (preview: curl -H 'X-Lab-Track: canary' " + s.routerUrl() + "/)");
        line(b, "Status:", health);
        line(b, "Traffic:", s.tracks().stream().map(t -> t.track().label() + " " + s.weightOf(t.track()) + "%")
                .collect(Collectors.joining("  ")));
        routing(b, s.routing());
        line(b, "Last change:", s.lastChangeSummary() + ", " + ago(s.lastChange(), now) + " ago");
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%-9s %-9s %-8s %6s  %-6s %-9s %s%n",
                "TRACK", "VERSION", "COLOR", "WEIGHT", "READY", "RESTARTS", "STATUS"));
        for (TrackStatus t : s.tracks()) {
            b.append(String.format(Locale.ROOT, "%-9s %-9s %-8s %5d%%  %-6s %-9d %s%n", t.track().label(), t.version(),
                    t.color(), s.weightOf(t.track()), t.ready() + "/" + t.desired(), t.restarts(), t.health()));
        }
        b.append('\n');
        b.append(String.format(Locale.ROOT, "%-18s %-18s %-5s %-8s %-7s %-6s %-5s %s%n",
                "INSTANCE", "STATUS", "READY", "RESTARTS", "PID", "PORT", "AGE", "LAST EXIT"));
        for (TrackStatus t : s.tracks()) {
            for (InstanceStatus i : concat(t.instances(), t.replaced())) {
                b.append(String.format(Locale.ROOT, "%-18s %-18s %-5s %-8d %-7s %-6s %-5s %s%n", i.id(),
                        i.phase().display(), i.ready() ? "yes" : "no", i.restarts(), i.pid() == 0 ? "-" : i.pid(),
                        i.port() == 0 ? "-" : i.port(), ago(i.since(), now), i.lastExit()));
            }
        }
        return b.toString();
    }

    /** Routes, affinity and mirroring, only when set: a lab that routes by weight alone reads as before. */
    private static void routing(StringBuilder b, Routing r) {
        String label = "Routes:";
        for (RouteRule rule : r.rules()) {
            line(b, label, rule.describe());
            label = "";
        }
        if (r.affinity() != null) {
            line(b, "Affinity:", r.affinity().describe());
        }
        if (r.mirror().on() || r.mirrored() > 0) {
            line(b, "Mirror:", r.mirror().describe() + " (" + r.mirrored() + " copied, " + r.dropped() + " dropped)");
        }
    }

    private static java.util.List<InstanceStatus> concat(java.util.List<InstanceStatus> a, java.util.List<InstanceStatus> b) {
        java.util.List<InstanceStatus> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int rank(String health) {
        return switch (health) {
            case "Degraded" -> 2;
            case "Progressing" -> 1;
            default -> 0;
        };
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "%-14s %s%n", label, value));
    }

    /** Like kubectl's ages: 42s, 3m12s, 2h5m. */
    static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        }
        return s / 3600 + "h" + (s % 3600 / 60) + "m";
    }
}
