package org.weiquan.api;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An answer held back until the request's transaction has committed: its status, body and the headers
 * that belong to the result ({@link #KEPT}) stay here; other headers (security, caching) go straight
 * through. Only a committed answer reaches the client, so a 2xx always means "stored".
 */
final class CapturedResponse extends HttpServletResponseWrapper {

    /** The headers that describe the result, stored with it and replayed. */
    static final Set<String> KEPT = Set.of("content-type", "location", "etag", "content-disposition",
            "content-language");

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private int status = 200;
    private String errorMessage;
    private boolean error;
    private String characterEncoding;
    private ServletOutputStream stream;
    private PrintWriter writer;

    CapturedResponse(HttpServletResponse response) {
        super(response);
    }

    boolean succeeded() {
        return !error && status >= 200 && status < 300;
    }

    int status() {
        return status;
    }

    byte[] body() {
        flushWriter();
        return body.toByteArray();
    }

    /** The kept headers as stored: one "name: value" per line. */
    String keptHeaders() {
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, values) -> values.forEach(v -> lines.append(name).append(": ").append(v).append('\n')));
        return lines.toString();
    }

    /** Sends the held answer to the client. */
    void sendTo(HttpServletResponse response, boolean replayed) throws IOException {
        flushWriter();
        if (error) {
            if (errorMessage == null) {
                response.sendError(status);
            } else {
                response.sendError(status, errorMessage);
            }
            return;
        }
        write(response, status, keptHeaders(), body.toByteArray(), replayed);
    }

    /** Sends a stored first answer again. */
    static void replay(HttpServletResponse response, IdempotentRequests.Answer answer) throws IOException {
        write(response, answer.status(), answer.headers(), answer.body(), true);
    }

    private static void write(HttpServletResponse response, int status, String headerLines, byte[] content,
                              boolean replayed) throws IOException {
        response.setStatus(status);
        for (String line : headerLines.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                String name = line.substring(0, colon);
                String value = line.substring(colon + 2);
                if ("content-type".equals(name)) {
                    response.setContentType(value);
                } else {
                    response.addHeader(name, value);
                }
            }
        }
        if (replayed) {
            response.setHeader(IdempotencyFilter.REPLAYED, "true");
        }
        if (content.length > 0) {
            response.setContentLength(content.length);
            response.getOutputStream().write(content);
        }
    }

    private static boolean kept(String name) {
        return name != null && KEPT.contains(name.toLowerCase(Locale.ROOT));
    }

    private void put(String name, String value, boolean add) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> values = add ? headers.computeIfAbsent(lower, n -> new ArrayList<>()) : new ArrayList<>();
        values.add(value);
        headers.put(lower, values);
    }

    @Override
    public void setHeader(String name, String value) {
        if ("content-length".equalsIgnoreCase(name)) {
            return;
        }
        if (kept(name)) {
            if (value == null) {
                headers.remove(name.toLowerCase(Locale.ROOT));
            } else {
                put(name, value, false);
            }
        } else {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if ("content-length".equalsIgnoreCase(name)) {
            return;
        }
        if (kept(name)) {
            put(name, value, true);
        } else {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, String.valueOf(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, String.valueOf(value));
    }

    @Override
    public boolean containsHeader(String name) {
        return headers.containsKey(name.toLowerCase(Locale.ROOT)) || super.containsHeader(name);
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values != null && !values.isEmpty() ? values.get(0) : super.getHeader(name);
    }

    @Override
    public void setContentType(String type) {
        if (type == null) {
            headers.remove("content-type");
        } else {
            put("content-type", type, false);
        }
    }

    @Override
    public String getContentType() {
        return getHeader("content-type");
    }

    @Override
    public void setCharacterEncoding(String charset) {
        this.characterEncoding = charset;
    }

    @Override
    public String getCharacterEncoding() {
        String type = getContentType();
        if (type != null) {
            int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                return type.substring(at + 8).replace("\"", "").strip();
            }
        }
        return characterEncoding != null ? characterEncoding : StandardCharsets.UTF_8.name();
    }

    @Override
    public void setContentLength(int len) {
        // the length of the held body is set when it is sent
    }

    @Override
    public void setContentLengthLong(long len) {
        // as above
    }

    @Override
    public void setStatus(int sc) {
        this.status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int sc) {
        sendError(sc, null);
    }

    @Override
    public void sendError(int sc, String msg) {
        this.status = sc;
        this.error = true;
        this.errorMessage = msg;
    }

    @Override
    public void sendRedirect(String location) {
        this.status = 302;
        put("location", location, false);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    body.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("an idempotent request's answer is written synchronously");
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding())));
        }
        return writer;
    }

    private void flushWriter() {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public void flushBuffer() {
        flushWriter();
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void reset() {
        resetBuffer();
        headers.clear();
        status = 200;
        error = false;
    }

    @Override
    public void resetBuffer() {
        flushWriter();
        body.reset();
    }
}
