package dev.canarylab.lab.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Samples as base64 of big-endian IEEE-754 values, bit for bit (NaN too): {@code f32} when every value is a float
 * widened to double (the router keeps latencies as floats), which halves the size, else {@code f64}.
 */
final class SampleCodec {

    private SampleCodec() {
    }

    static void write(ObjectNode o, double[] values) {
        boolean floats = true;
        for (double v : values) {
            if (Double.doubleToRawLongBits((float) v) != Double.doubleToRawLongBits(v) && !Double.isNaN(v)) {
                floats = false;
                break;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(values.length * (floats ? Float.BYTES : Double.BYTES));
        for (double v : values) {
            if (floats) {
                b.putFloat((float) v);
            } else {
                b.putDouble(v);
            }
        }
        o.put(floats ? "f32" : "f64", Base64.getEncoder().encodeToString(b.array()));
    }

    /** The values of {@code o}'s f32 or f64; an empty array when it has neither. */
    static double[] read(JsonFields o) {
        boolean floats = o.node.has("f32");
        String text = o.text(floats ? "f32" : "f64");
        if (text == null) {
            return new double[0];
        }
        ByteBuffer b;
        try {
            b = ByteBuffer.wrap(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("samples are not base64: " + e.getMessage());
        }
        int size = floats ? Float.BYTES : Double.BYTES;
        if (b.remaining() % size != 0) {
            throw new IllegalArgumentException("samples of " + b.remaining() + " bytes are not whole "
                    + (floats ? "floats" : "doubles"));
        }
        double[] values = new double[b.remaining() / size];
        for (int i = 0; i < values.length; i++) {
            values[i] = floats ? b.getFloat() : b.getDouble();
        }
        return values;
    }
}
