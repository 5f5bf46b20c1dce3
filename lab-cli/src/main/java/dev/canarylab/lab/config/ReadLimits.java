package dev.canarylab.lab.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds on what is read from a user's file, checked while reading: {@code /dev/zero}, a named pipe or a runaway
 * export must end in one line, not in an exhausted heap.
 */
final class ReadLimits {

    private ReadLimits() {
    }

    /** More bytes than the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** More values than the limit. */
    static final class TooMany extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** A stream that fails with {@link TooLarge} once more than a limit of bytes has been read. */
    static final class BoundedInput extends FilterInputStream {

        private long left;

        BoundedInput(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (left -= n) < 0) {
                throw new TooLarge();
            }
            return n;
        }
    }

    /** A parser that fails with {@link TooMany} once it has met more than a limit of scalar values. */
    static final class CountingParser extends JsonParserDelegate {

        private final long limit;
        private long values;

        CountingParser(JsonParser parser, long limit) {
            super(parser);
            this.limit = limit;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = super.nextToken();
            if (t != null && t.isScalarValue() && ++values > limit) {
                throw new TooMany();
            }
            return t;
        }
    }

    /** "256 MB", or the bytes when under a megabyte. */
    static String size(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    /** At most {@code limit} bytes of a stream; {@link TooLarge} if there are more. */
    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw new TooLarge();
        }
        return bytes;
    }
}
