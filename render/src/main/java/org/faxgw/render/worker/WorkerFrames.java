package org.faxgw.render.worker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.faxgw.render.PageSize;
import org.faxgw.render.RenderException;
import org.faxgw.render.RenderOptions;
import org.faxgw.t4.BilevelPage;
import org.faxgw.t4.Resolution;

/**
 * The render worker protocol. Every frame is a type byte, a 4-byte big-endian payload length and
 * the payload; strings are {@link DataOutputStream#writeUTF} (modified UTF-8, at most 65535 bytes).
 *
 * <pre>
 * gateway to worker   RENDER   kind ("document" | "text"), content type, options, document bytes
 * worker to gateway   READY    pid (long)                       once, after start-up
 *                     PROGRESS pages done, pages total (-1 unknown)
 *                     PAGE     number, width, height, x dpi, y dpi, packed rows (1 = black)
 *                     DONE     pages
 *                     FAILED   RenderException.Reason name, one-line message
 * </pre>
 */
final class WorkerFrames {
  static final byte RENDER = 1;
  static final byte READY = 10;
  static final byte PROGRESS = 11;
  static final byte PAGE = 12;
  static final byte DONE = 13;
  static final byte FAILED = 14;

  /** A frame longer than this is a broken peer (a document is limited well below it). */
  static final int MAX_PAYLOAD = 512 * 1024 * 1024;

  static final String KIND_DOCUMENT = "document";
  static final String KIND_TEXT = "text";

  private WorkerFrames() {}

  /** One frame read. */
  record Frame(byte type, byte[] payload) {
    DataInputStream data() {
      return new DataInputStream(new ByteArrayInputStream(payload));
    }
  }

  /** The next frame, or {@code null} at a clean end of stream. */
  static Frame read(DataInputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      return null;
    }
    int len = in.readInt();
    if (len < 0 || len > MAX_PAYLOAD || !known((byte) type)) {
      // not the protocol: a JVM's crash banner, or a library writing to stdout; keep some for the
      // log
      byte[] head = {
        (byte) type, (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len
      };
      byte[] more = in.readNBytes(2000);
      String text =
          (new String(head, StandardCharsets.ISO_8859_1)
                  + new String(more, StandardCharsets.ISO_8859_1))
              .replaceAll("[^\\x20-\\x7e]+", " ")
              .strip();
      throw new NotAFrame("not a render worker frame: " + text);
    }
    byte[] payload = new byte[len];
    in.readFully(payload);
    return new Frame((byte) type, payload);
  }

  /** The peer wrote something that is not a frame. */
  static final class NotAFrame extends IOException {
    private static final long serialVersionUID = 1L;

    NotAFrame(String message) {
      super(message);
    }
  }

  private static boolean known(byte type) {
    return type == RENDER
        || type == READY
        || type == PROGRESS
        || type == PAGE
        || type == DONE
        || type == FAILED;
  }

  static void write(DataOutputStream out, byte type, byte[] payload) throws IOException {
    synchronized (out) {
      out.writeByte(type);
      out.writeInt(payload.length);
      out.write(payload);
      out.flush();
    }
  }

  interface Body {
    void write(DataOutputStream d) throws IOException;
  }

  static byte[] payload(Body body) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(buf);
    body.write(d);
    d.flush();
    return buf.toByteArray();
  }

  /** A render request as the worker reads it. */
  record Request(String kind, String contentType, RenderOptions options, byte[] document) {}

  static byte[] request(String kind, String contentType, RenderOptions o, byte[] document)
      throws IOException {
    return payload(
        d -> {
          d.writeUTF(kind);
          d.writeUTF(contentType == null ? "" : contentType);
          d.writeInt(o.resolution().xDpi());
          d.writeInt(o.resolution().yDpi());
          d.writeUTF(o.pageSize().name());
          d.writeLong(o.timeLimit().toMillis());
          d.writeInt(o.maxPages());
          d.writeLong(o.maxPixels());
          d.writeInt(document.length);
          d.write(document);
        });
  }

  static Request request(Frame f) throws IOException {
    DataInputStream d = f.data();
    String kind = d.readUTF();
    String ct = d.readUTF();
    Resolution r = new Resolution(d.readInt(), d.readInt());
    PageSize size = PageSize.valueOf(d.readUTF());
    Duration limit = Duration.ofMillis(d.readLong());
    int maxPages = d.readInt();
    long maxPixels = d.readLong();
    int n = d.readInt();
    if (n < 0 || n > f.payload().length) {
      throw new EOFException("render request cut short");
    }
    byte[] doc = new byte[n];
    d.readFully(doc);
    return new Request(
        kind,
        ct.isEmpty() ? null : ct,
        new RenderOptions(r, size, limit, maxPages, maxPixels),
        doc);
  }

  static byte[] page(int number, BilevelPage p) throws IOException {
    return payload(
        d -> {
          d.writeInt(number);
          d.writeInt(p.width());
          d.writeInt(p.height());
          d.writeInt(p.resolution().xDpi());
          d.writeInt(p.resolution().yDpi());
          byte[] rows = p.rows();
          d.writeInt(rows.length);
          d.write(rows);
        });
  }

  /** A page frame's page number and page. */
  record NumberedPage(int number, BilevelPage page) {}

  static NumberedPage page(Frame f) throws IOException {
    DataInputStream d = f.data();
    int number = d.readInt();
    int w = d.readInt();
    int h = d.readInt();
    Resolution r = new Resolution(d.readInt(), d.readInt());
    int n = d.readInt();
    if (w <= 0 || h <= 0 || n != BilevelPage.stride(w) * h) {
      throw new IOException(
          "render worker sent a page of " + w + " x " + h + " in " + n + " bytes");
    }
    byte[] bits = new byte[n];
    d.readFully(bits);
    return new NumberedPage(number, new BilevelPage(w, h, r, bits));
  }

  static byte[] failed(RenderException e) throws IOException {
    return payload(
        d -> {
          d.writeUTF(e.reason().name());
          d.writeUTF(e.getMessage());
        });
  }

  static RenderException failed(Frame f) throws IOException {
    DataInputStream d = f.data();
    RenderException.Reason reason;
    String name = d.readUTF();
    try {
      reason = RenderException.Reason.valueOf(name);
    } catch (IllegalArgumentException e) {
      reason = RenderException.Reason.TOOL;
    }
    return new RenderException(reason, d.readUTF());
  }

  static byte[] ints(int... values) throws IOException {
    return payload(
        d -> {
          for (int v : values) {
            d.writeInt(v);
          }
        });
  }

  static byte[] longs(long v) throws IOException {
    return payload(d -> d.writeLong(v));
  }

  static OutputStream unclosable(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  static InputStream buffered(InputStream in) {
    return new java.io.BufferedInputStream(in, 1 << 16);
  }
}
