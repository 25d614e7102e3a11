package dev.postflux.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes streamed rows into plain byte arrays, several rows per write: as server-sent events ({@code id:},
 * {@code event:}, {@code data:} lines) or as NDJSON lines. Plain arrays, not pooled buffers, because a client that
 * disconnects mid-write then leaves nothing to release (WebFlux's streaming encoders leak a pooled buffer in that
 * race), and because one write and one flush per group of rows is far cheaper than one per row.
 */
@Component
public class StreamEncoder {

    private static final byte[] NEWLINE = {'\n'};

    private final ObjectWriter writer;

    public StreamEncoder(JsonMapper mapper) {
        this.writer = mapper.writer();
    }

    /** A server-sent event; {@code id} may be null. JSON never contains a raw newline, so one data line suffices. */
    public void event(ByteArrayOutputStream out, String id, String type, Object data) {
        if (id != null) {
            ascii(out, "id:" + id + "\n");
        }
        ascii(out, "event:" + type + "\ndata:");
        out.writeBytes(writer.writeValueAsBytes(data));
        ascii(out, "\n\n");
    }

    public byte[] event(String id, String type, Object data) {
        var out = new ByteArrayOutputStream(256);
        event(out, id, type, data);
        return out.toByteArray();
    }

    /** A comment line, which clients ignore: used for heartbeats. */
    public byte[] comment(String text) {
        return (":" + text + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A comment with an event id: an EventSource shows the application nothing, but remembers the id and sends it
     * back as {@code Last-Event-ID} when it reconnects.
     */
    public byte[] comment(String text, String id) {
        return (":" + text + "\nid:" + id + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    public void line(ByteArrayOutputStream out, Object data) {
        out.writeBytes(writer.writeValueAsBytes(data));
        out.writeBytes(NEWLINE);
    }

    public byte[] lines(List<?> data) {
        var out = new ByteArrayOutputStream(256 * data.size());
        data.forEach(item -> line(out, item));
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
