package dev.canarylab.lab.narration;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a drawn QR code back with ZXing's decoder, as a phone's camera would read the picture. */
public final class QrReading {

    private static final Pattern MODULE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");
    private static final Pattern SIZE = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final int PIXELS_A_MODULE = 4;

    private QrReading() {
    }

    /** The text of a code drawn for a terminal (ANSI colours are ignored): a drawn half is light. */
    public static String fromTerminal(String text) {
        List<String> lines = text.replaceAll("\u001b\\[[0-9;]*m", "").lines().toList();
        int width = lines.get(0).length();
        boolean[][] dark = new boolean[2 * lines.size()][width];
        for (int row = 0; row < lines.size(); row++) {
            String line = lines.get(row);
            for (int x = 0; x < width; x++) {
                char c = x < line.length() ? line.charAt(x) : ' ';
                dark[2 * row][x] = c != '\u2588' && c != '\u2580';
                dark[2 * row + 1][x] = c != '\u2588' && c != '\u2584';
            }
        }
        return decode(dark);
    }

    /** The text of a code drawn as {@link QrCode#svg()} draws it. */
    public static String fromSvg(String svg) {
        Matcher size = SIZE.matcher(svg);
        if (!size.find()) {
            throw new AssertionError("no viewBox in " + svg);
        }
        int n = Integer.parseInt(size.group(1));
        boolean[][] dark = new boolean[n][n];
        Matcher m = MODULE.matcher(svg);
        while (m.find()) {
            dark[Integer.parseInt(m.group(2))][Integer.parseInt(m.group(1))] = true;
        }
        return decode(dark);
    }

    static String decode(boolean[][] dark) {
        int h = dark.length * PIXELS_A_MODULE;
        int w = dark[0].length * PIXELS_A_MODULE;
        int[] pixels = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixels[y * w + x] = dark[y / PIXELS_A_MODULE][x / PIXELS_A_MODULE] ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        try {
            // PURE_BARCODE: the picture is the code and its quiet zone, nothing else. Without it ZXing's finder-pattern
            // detector misses about 1 in 10 of its own encoder's codes drawn this cleanly (41 of 400 audience
            // addresses, at 4 and at 8 pixels a module), whatever draws them; the modules are read the same way.
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels))),
                    Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("the drawn code does not decode: " + e, e);
        }
    }

    /** The rows of a terminal drawing, colours removed. */
    static List<String> lines(String text) {
        return new ArrayList<>(text.replaceAll("\u001b\\[[0-9;]*m", "").lines().toList());
    }
}
