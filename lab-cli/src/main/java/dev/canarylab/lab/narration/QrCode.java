package dev.canarylab.lab.narration;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Map;

/**
 * A QR code (ZXing's encoder) drawn for a terminal, two modules a character with Unicode half blocks, or as SVG
 * for the dashboard. Both include the four-module quiet zone the standard asks for: on a terminal it is drawn,
 * not left to the background, so that the code has its light border whatever the terminal's colours.
 */
public final class QrCode {

    /** The standard's quiet zone, in modules. */
    public static final int QUIET_ZONE = 4;
    private static final String LIGHT_ON_DARK = "\u001b[97;40m";
    private static final String RESET = "\u001b[0m";

    /** Dark modules, quiet zone included: {@code dark[y][x]}. */
    private final boolean[][] dark;

    private QrCode(boolean[][] dark) {
        this.dark = dark;
    }

    /** The code of {@code text}, at error correction M (15%: a projector's glare or a finger on the screen). */
    public static QrCode of(String text) {
        ByteMatrix m;
        try {
            m = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
                    .getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of '" + text + "': " + e.getMessage(), e);
        }
        int size = m.getWidth() + 2 * QUIET_ZONE;
        boolean[][] dark = new boolean[size][size];
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                dark[y + QUIET_ZONE][x + QUIET_ZONE] = m.get(x, y) == 1;
            }
        }
        return new QrCode(dark);
    }

    /** Modules a side, quiet zone included. */
    public int size() {
        return dark.length;
    }

    public boolean dark(int x, int y) {
        return dark[y][x];
    }

    /**
     * For a terminal: each character is two modules, one above the other; light modules are drawn (the
     * terminal's foreground), dark ones are left blank. With {@code colour}, every line is bright white on black,
     * so the code reads the same on light and dark terminals; without, it assumes a light foreground on a dark
     * background (most terminals), and on a light terminal it comes out inverted, which phone cameras read too.
     */
    public String terminal(boolean colour) {
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < size(); y += 2) {
            if (colour) {
                out.append(LIGHT_ON_DARK);
            }
            for (int x = 0; x < size(); x++) {
                boolean top = !dark[y][x];
                boolean bottom = y + 1 >= size() || !dark[y + 1][x]; // past the end: more quiet zone
                out.append(top && bottom ? '\u2588' : top ? '\u2580' : bottom ? '\u2584' : ' ');
            }
            if (colour) {
                out.append(RESET);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** As an SVG image: one unit a module, black on white, crisp edges at any scale. */
    public String svg() {
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size(); y++) {
            for (int x = 0; x < size(); x++) {
                if (dark[y][x]) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        int n = size();
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
    }
}
