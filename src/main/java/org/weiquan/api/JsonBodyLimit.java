package org.weiquan.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.TooLarge;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * JSON bodies are limited to 1 MiB (README) and to {@value #MAX_DEPTH} levels of nesting: a larger one is
 * refused with 413, a deeper one with 400, while it streams in — before any parser recurses into it.
 */
@Provider
public class JsonBodyLimit implements ContainerRequestFilter {

    static final long LIMIT = 1024 * 1024;
    static final int MAX_DEPTH = 64;

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !"json".equals(type.getSubtype()) && !type.getSubtype().endsWith("+json")) {
            return;
        }
        if (request.getLength() > LIMIT) {
            throw new TooLarge("body", LIMIT);
        }
        request.setEntityStream(new Limited(request.getEntityStream()));
    }

    private static final class Limited extends FilterInputStream {
        private long count;
        private int depth;
        private boolean inString;
        private boolean escaped;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
                scan((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
                for (int i = offset; i < offset + n; i++) {
                    scan(buffer[i]);
                }
            }
            return n;
        }

        private void count(int n) {
            if ((count += n) > LIMIT) {
                throw new TooLarge("body", LIMIT);
            }
        }

        /** Follows brackets outside strings; UTF-8 continuation bytes never look like ASCII, so bytes will do. */
        private void scan(byte b) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
                return;
            }
            if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new StrictJson.MalformedBody(List.of(new FieldError("body",
                            "is nested deeper than " + MAX_DEPTH + " levels")));
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
    }
}
