package dev.canarylab.lab.analysis;

import java.util.Locale;

/** Number formatting for the sentences people read. */
public final class Format {

    private Format() {
    }

    /** A value with a unit and about three significant digits: "412 ms", "1.25 s", "0.83". */
    public static String value(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if ("ms".equals(unit) && Math.abs(v) >= 1000) {
            return number(v / 1000.0) + " s";
        }
        return unit == null || unit.isEmpty() ? number(v) : number(v) + " " + unit;
    }

    public static String number(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return strip(String.format(Locale.ROOT, "%.1f", v));
        }
        if (a >= 0.01) {
            return strip(String.format(Locale.ROOT, "%.2f", v));
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }

    public static String ratio(double r) {
        if (Double.isNaN(r)) {
            return "n/a";
        }
        if (Double.isInfinite(r)) {
            return r > 0 ? "inf" : "0x";
        }
        return (r >= 10 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2f", r)) + "x";
    }

    public static String percent(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        double pct = 100 * p;
        return (pct != 0 && Math.abs(pct) < 1 ? String.format(Locale.ROOT, "%.2f", pct)
                : String.format(Locale.ROOT, "%.1f", pct)) + "%";
    }

    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    public static String quantileName(double q) {
        double pct = q * 100;
        return pct == Math.rint(pct) ? "p" + (int) pct : "p" + strip(String.format(Locale.ROOT, "%.1f", pct));
    }

    private static String strip(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
