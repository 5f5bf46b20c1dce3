package dev.canarylab.lab.narration;

import dev.canarylab.lab.analysis.Judgement;
import dev.canarylab.lab.analysis.MetricResult;
import dev.canarylab.lab.report.JudgementText;
import dev.canarylab.lab.rollout.RolloutListener;
import dev.canarylab.lab.rollout.RolloutRecord;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Tells a rollout as it happens, on stderr: one line per event, a live status line (step, weight, analysis
 * progress bar, requests per track, each metric's latest state) and, after each analysis, its sentence and table.
 * On a terminal the status line redraws in place; in a CI log (no terminal, or {@code NO_COLOR}/{@code TERM=dumb})
 * there are no escape codes and the status is printed once per look instead.
 */
public final class Narrator implements RolloutListener {

    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean live;
    private final Clock clock;
    private final Instant start;
    private boolean statusShown;
    private long lastRedraw;

    public Narrator(PrintWriter out, boolean live) {
        this(out, live, Clock.systemUTC());
    }

    /** @param clock tells the time of looks, and starts the times printed; a replay's clock tells recorded times */
    public Narrator(PrintWriter out, boolean live, Clock clock) {
        this.out = out;
        this.live = live;
        this.clock = clock;
        this.start = clock.instant();
    }

    /** Live redraws only on a terminal that supports them. */
    public static boolean terminal() {
        String term = System.getenv("TERM");
        return System.console() != null && System.getenv("NO_COLOR") == null && term != null && !term.equals("dumb");
    }

    @Override
    public synchronized void event(RolloutRecord.Event event) {
        clearStatus();
        String prefix = String.format(Locale.ROOT, "[%5s] ", clock(event.time()));
        String mark = switch (event.type()) {
            case VERDICT -> "verdict  ";
            case PROMOTION -> "PROMOTED ";
            case ROLLBACK, RESTORE_FAILED -> "ROLLBACK ";
            case ABORT -> "ABORTED  ";
            case WEBHOOK -> "webhook  ";
            case SHADOW -> "shadow   ";
            default -> "";
        };
        out.println(prefix + mark + event.message());
        out.flush();
    }

    @Override
    public synchronized void tick(Progress p) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastRedraw < 200_000_000L) {
            return;
        }
        lastRedraw = now;
        out.print("\r\033[2K" + status(p, 100));
        out.flush();
        statusShown = true;
    }

    @Override
    public synchronized void look(String analysis, Judgement j) {
        if (live) {
            return;
        }
        String metrics = j.results().stream().map(r -> r.metric() + " " + r.classification())
                .collect(Collectors.joining(", "));
        out.println(String.format(Locale.ROOT, "[%5s]   %s look %d: %s (%s)", clock(clock.instant()), analysis,
                j.look().number(), j.verdict(), metrics));
        out.flush();
    }

    @Override
    public synchronized void analysed(RolloutRecord.Analysis a) {
        clearStatus();
        out.println();
        out.println("  " + a.name() + " (" + a.looks().size() + " look" + (a.looks().size() == 1 ? "" : "s")
                + "): " + a.verdict());
        for (String line : JudgementText.table(a.judgement()).split("\n")) {
            out.println("    " + line);
        }
        for (MetricResult r : a.judgement().results()) {
            if (r.classification() != dev.canarylab.lab.analysis.Classification.PASS) {
                out.println("    - " + r.reason());
            }
        }
        for (String note : a.notes()) {
            out.println("    note: " + note);
        }
        out.println();
        out.flush();
    }

    /** The status line: "step 4/6: analysis | weight 25% | [#####-----] 12/30 s | baseline 310, canary 298 | ...". */
    public static String status(Progress p, int width) {
        StringBuilder s = new StringBuilder(p.step()).append(" | weight ").append(p.weight()).append('%');
        if (p.analysis() != null && p.end() > 0) {
            int filled = (int) Math.round(BAR * Math.min(1, p.elapsed() / p.end()));
            s.append(" | ").append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%.0f/%.0f s", p.elapsed(), p.end()));
        }
        if (!p.requests().isEmpty()) {
            s.append(" | ").append(p.requests().entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        if (p.last() != null) {
            s.append(" | ").append(p.last().results().stream()
                    .map(r -> r.metric() + " " + shortClass(r)).collect(Collectors.joining(" ")));
        }
        String line = s.toString();
        return line.length() > width ? line.substring(0, width - 1) + "~" : line;
    }

    private static String shortClass(MetricResult r) {
        return switch (r.classification()) {
            case PASS -> "ok";
            case HIGH -> "HIGH";
            case LOW -> "LOW";
            case NODATA -> "nodata";
            case INCONCLUSIVE -> "?";
            case ERROR -> "ERR";
        };
    }

    private void clearStatus() {
        if (statusShown) {
            out.print("\r\033[2K");
            statusShown = false;
        }
    }

    private String clock(Instant t) {
        long s = Math.max(0, Duration.between(start, t).toSeconds());
        return s < 60 ? s + "s" : (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60);
    }
}
