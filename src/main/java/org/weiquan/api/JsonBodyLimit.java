package org.weiquan.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.weiquan.shared.TooLarge;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** JSON bodies are limited to 1 MiB (README): larger ones are refused with 413 before they are parsed. */
@Provider
public class JsonBodyLimit implements ContainerRequestFilter {

    static final long LIMIT = 1024 * 1024;

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

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > LIMIT) {
                throw new TooLarge("body", LIMIT);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (count += n) > LIMIT) {
                throw new TooLarge("body", LIMIT);
            }
            return n;
        }
    }
}
