package dev.canarylab.lab.control;

import dev.canarylab.lab.LabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The lab's view of the latest rollout, as its {@link RolloutFeed} sends it: what the dashboard shows, and the
 * dashboard's abort request waiting for the feed to collect it. Thread-safe.
 */
public final class RolloutBoard {

    /** Where the page links reports; the file name follows. */
    public static final String REPORTS_PATH = "/lab/reports/";

    private final Path reportsDir;
    private final Map<String, Path> reports = new ConcurrentHashMap<>();
    private final List<Consumer<RolloutState>> watchers = new CopyOnWriteArrayList<>();
    private volatile RolloutState current;
    private volatile String abortId;
    private volatile String abortReason;

    /** @param reportsDir the lab's reports directory (served read-only), or null */
    public RolloutBoard(Path reportsDir) {
        this.reportsDir = reportsDir;
    }

    public Optional<RolloutState> current() {
        return Optional.ofNullable(current);
    }

    /** Calls {@code watcher} with every update. */
    public void watch(Consumer<RolloutState> watcher) {
        watchers.add(watcher);
    }

    public void unwatch(Consumer<RolloutState> watcher) {
        watchers.remove(watcher);
    }

    /**
     * Takes a feed's update; says why the rollout should stop when someone asked, else null. A report file the
     * feed names is served under {@link #REPORTS_PATH} from now on.
     */
    public String update(RolloutState state) {
        if (state == null || state.id() == null) {
            throw LabException.badInput("a rollout update needs an id");
        }
        RolloutState s = state;
        if (s.report() != null && !s.report().startsWith(REPORTS_PATH)) {
            Path file = Path.of(s.report()).toAbsolutePath().normalize();
            String name = file.getFileName().toString();
            if (name.endsWith(".html") && Files.isRegularFile(file)) {
                reports.put(name, file);
                s = s.withReport(REPORTS_PATH + name);
            } else {
                s = s.withReport(null);
            }
        }
        current = s;
        for (Consumer<RolloutState> w : watchers) {
            try {
                w.accept(s);
            } catch (RuntimeException e) {
                watchers.remove(w); // one broken watcher must not keep the others (or the feed) waiting
            }
        }
        return s.id().equals(abortId) ? abortReason : null;
    }

    /** Asks the running rollout to stop at its feed's next update; an error when none is running. */
    public void requestAbort(String reason) {
        RolloutState s = current;
        if (s == null || s.ended()) {
            throw new LabException(dev.canarylab.lab.ExitCodes.USAGE, "no rollout is running on this lab");
        }
        abortReason = reason;
        abortId = s.id();
    }

    /**
     * A report by file name: one a feed named, or one in the reports directory. Names only, no paths, so
     * nothing else on disk can be read through it.
     */
    public Optional<Path> report(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.contains("..")) {
            return Optional.empty();
        }
        Path known = reports.get(name);
        if (known != null && Files.isRegularFile(known)) {
            return Optional.of(known);
        }
        if (reportsDir != null) {
            Path p = reportsDir.resolve(name);
            if (Files.isRegularFile(p) && name.matches(".*\\.(html|json|md|xml)")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
