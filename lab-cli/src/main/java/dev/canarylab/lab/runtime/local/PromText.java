package dev.canarylab.lab.runtime.local;

/** Just enough of the Prometheus text format to read a few samples from an instance. */
final class PromText {

    private PromText() {
    }

    /**
     * The sum of every sample of {@code metric} whose labels contain {@code label} (e.g. {@code area="heap"};
     * null for all), or NaN when there is none.
     */
    static double sum(String text, String metric, String label) {
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char next = line.charAt(metric.length());
            if (next != '{' && next != ' ') {
                continue;
            }
            int close = next == '{' ? line.indexOf('}') : metric.length();
            if (close < 0 || (label != null && !line.substring(metric.length(), close).contains(label))) {
                continue;
            }
            String[] rest = line.substring(close + 1).trim().split("\\s+");
            try {
                total += Double.parseDouble(rest[0]);
                found = true;
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return found ? total : Double.NaN;
    }
}
