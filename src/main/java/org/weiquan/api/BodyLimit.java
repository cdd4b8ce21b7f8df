package org.weiquan.api;

import org.weiquan.shared.TooLarge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, and stops with 413 past it, without reading the rest into memory. */
final class BodyLimit {

    private BodyLimit() {
    }

    static byte[] readAtMost(InputStream in, long limit, String field) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw new TooLarge(field, limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
