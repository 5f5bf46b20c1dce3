package dev.canarylab.lab.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the known name nearest to a misspelt one, by edit distance. */
final class Names {

    private Names() {
    }

    /** The name in {@code known} closest to {@code name}, if it is close enough to be a typo of it. */
    static Optional<String> nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // Two edits, or a third of the name: "latncy" is latency, "cpu" is not "gpu-temp".
        boolean typo = best != null && bestDistance > 0
                && (bestDistance <= 2 || bestDistance <= Math.max(name.length(), best.length()) / 3)
                && bestDistance < Math.min(name.length(), best.length());
        return typo ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
