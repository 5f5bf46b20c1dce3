package dev.canarylab.lab.command;

import dev.canarylab.lab.LabException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/** The runtimes {@code --runtime} chooses from, spelled as on the command line. */
enum RuntimeKind {
    /** Child processes and the embedded router. */
    LOCAL,
    /** K3s in Docker, started by the lab. */
    K3S,
    /** The cluster of a kubeconfig. */
    KUBE;

    /** The name on the command line: {@code local}, {@code k3s}, {@code kube}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code --runtime}. Refused with {@code lab}'s own one-line message rather than picocli's
     * "Invalid value" so that the line names the choices the way the help does.
     */
    static RuntimeKind parse(String text) {
        return Arrays.stream(values()).filter(k -> k.label().equals(text)).findFirst().orElseThrow(
                () -> LabException.badInput("--runtime must be local, k3s or kube, got '" + text + "'"));
    }

    /** The choices for picocli's help and shell completion. */
    static final class Labels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(RuntimeKind::label).iterator();
        }
    }
}
