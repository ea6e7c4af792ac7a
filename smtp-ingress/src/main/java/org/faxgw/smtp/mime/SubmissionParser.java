package org.faxgw.smtp.mime;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.ContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.faxgw.queue.DocumentSpool;

/**
 * Parses one spooled message (streaming, Mime4j) into a {@link FaxSubmission}, decoding the faxable
 * parts into files in the message's spool folder. Limits come from {@link MimeLimits}; exceeding
 * one refuses the message with 554 5.6.0.
 */
public final class SubmissionParser {
  /** Types the renderer takes, with the file extension used in the spool. */
  private static final Map<String, String> FAXABLE =
      Map.of(
          "application/pdf", "pdf",
          "application/postscript", "ps",
          "image/tiff", "tif",
          "image/png", "png",
          "image/jpeg", "jpg",
          "image/gif", "gif",
          "image/bmp", "bmp");

  /** For parts sent as application/octet-stream: the type by file extension. */
  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("pdf", "application/pdf"),
          Map.entry("ps", "application/postscript"),
          Map.entry("eps", "application/postscript"),
          Map.entry("tif", "image/tiff"),
          Map.entry("tiff", "image/tiff"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("bmp", "image/bmp"),
          Map.entry("txt", "text/plain"));

  private static final Set<String> GENERIC =
      Set.of("application/octet-stream", "application/x-download", "binary/octet-stream");

  private static final String TEXT_TYPE = "text/plain; charset=utf-8";

  private final MimeLimits limits;
  private final DocumentSpool spool;

  public SubmissionParser(MimeLimits limits, DocumentSpool spool) {
    this.limits = limits;
    this.spool = spool;
  }

  /**
   * Parses {@code message} and writes its faxable parts into spool folder {@code folder}.
   *
   * @throws MessageRefusedException when the message breaks a limit or has nothing to fax
   */
  public FaxSubmission parse(Path message, String folder)
      throws MessageRefusedException, IOException {
    MimeConfig config =
        new MimeConfig.Builder()
            .setMaxHeaderCount(limits.maxHeaderCount())
            .setMaxHeaderLen(limits.maxHeaderBytes())
            .setMaxLineLen(limits.maxLineBytes())
            .setMaxContentLen(-1)
            .setStrictParsing(false)
            .build();
    MimeStreamParser parser =
        new MimeStreamParser(config, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
    parser.setContentDecoding(false);
    parser.setRecurse();
    Handler h = new Handler(folder);
    parser.setContentHandler(h);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(message), 65536)) {
      parser.parse(in);
    } catch (MimeException | org.apache.james.mime4j.MimeIOException e) {
      throw new MessageRefusedException(554, "5.6.0 Message refused: " + oneLine(e));
    } catch (org.apache.james.mime4j.io.MaxLineLimitException e) {
      throw new MessageRefusedException(
          554, "5.6.0 Message refused: a line is longer than " + limits.maxLineBytes() + " bytes");
    }
    return h.result();
  }

  private static String oneLine(Exception e) {
    Throwable t = e.getCause() instanceof MimeException m ? m : e;
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.replaceAll("[\\r\\n]+", " ");
  }

  /** One thing found in the message, in order. */
  private sealed interface Item {}

  private record Part(
      String path,
      String contentType,
      String name,
      boolean text,
      boolean html,
      boolean attachment,
      boolean nested)
      implements Item {}

  private record Bad(String description) implements Item {}

  private static final class Frame {
    final String subtype;
    final List<Item> items = new ArrayList<>();

    Frame(String subtype) {
      this.subtype = subtype;
    }
  }

  private final class Handler implements ContentHandler {
    private final String folder;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Map<String, String> topHeaders = new HashMap<>();
    private int messages;
    private int depth;
    private int parts;
    private int headerBlocks;
    private boolean inTopHeader;
    private int bodies;

    Handler(String folder) {
      this.folder = folder;
      frames.push(new Frame("root"));
    }

    @Override
    public void startMessage() throws MimeException {
      messages++;
      enter();
    }

    @Override
    public void endMessage() {
      depth--;
    }

    @Override
    public void startBodyPart() throws MimeException {
      if (++parts > limits.maxParts()) {
        throw new MimeException("more than " + limits.maxParts() + " MIME parts");
      }
    }

    @Override
    public void endBodyPart() {}

    @Override
    public void startHeader() {
      inTopHeader = ++headerBlocks == 1;
    }

    @Override
    public void field(Field field) {
      if (!inTopHeader) {
        return;
      }
      byte[] raw = field.getRaw() == null ? null : field.getRaw().toByteArray();
      String full = raw == null ? field.getName() + ":" + field.getBody() : decodeUtf8(raw);
      int colon = full.indexOf(':');
      if (colon < 0) {
        return;
      }
      String name = full.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = full.substring(colon + 1).replaceAll("\\r?\\n(?=[ \\t])", "").trim();
      if (name.equals("subject")) {
        value = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
      }
      topHeaders.putIfAbsent(name, value);
    }

    @Override
    public void endHeader() {
      inTopHeader = false;
    }

    @Override
    public void preamble(InputStream is) throws IOException {
      is.transferTo(java.io.OutputStream.nullOutputStream());
    }

    @Override
    public void epilogue(InputStream is) throws IOException {
      is.transferTo(java.io.OutputStream.nullOutputStream());
    }

    @Override
    public void startMultipart(BodyDescriptor bd) throws MimeException {
      enter();
      frames.push(
          new Frame(bd.getSubType() == null ? "mixed" : bd.getSubType().toLowerCase(Locale.ROOT)));
    }

    @Override
    public void endMultipart() {
      depth--;
      Frame f = frames.pop();
      Frame parent = frames.peek();
      if (f.subtype.equals("alternative")) {
        parent.items.addAll(chooseAlternative(f.items));
      } else {
        parent.items.addAll(f.items);
      }
    }

    private void enter() throws MimeException {
      if (++depth > limits.maxDepth()) {
        throw new MimeException("MIME nesting deeper than " + limits.maxDepth());
      }
    }

    @Override
    public void raw(InputStream is) throws IOException {
      is.transferTo(java.io.OutputStream.nullOutputStream());
    }

    @Override
    public void body(BodyDescriptor bd, InputStream in) throws IOException {
      int no = ++bodies;
      String mime =
          bd.getMimeType() == null ? "text/plain" : bd.getMimeType().toLowerCase(Locale.ROOT);
      String name = null;
      boolean attachment = false;
      if (bd instanceof MaximalBodyDescriptor m) {
        name = m.getContentDispositionFilename();
        if (name == null && m.getContentTypeParameters() != null) {
          name = m.getContentTypeParameters().get("name");
        }
        attachment = "attachment".equalsIgnoreCase(m.getContentDispositionType());
      }
      if (name != null) {
        name =
            DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT)
                .replaceAll("[\\x00-\\x1f/\\\\]", "_");
      }
      String type = mime;
      if (GENERIC.contains(mime) && name != null) {
        String ext = extension(name);
        type = BY_EXTENSION.getOrDefault(ext, mime);
      }
      String label = "part " + no + " (" + mime + (name == null ? "" : ", " + name) + ")";
      InputStream decoded = decoder(bd.getTransferEncoding(), in);
      boolean nested = messages > 1;
      try {
        Item item;
        if (type.equals("text/plain")) {
          String file = "part-" + no + ".txt";
          writeText(folder, file, decoded, charset(bd.getCharset()));
          item =
              new Part(
                  folder + "/" + file,
                  TEXT_TYPE,
                  name == null ? file : name,
                  true,
                  false,
                  attachment,
                  nested);
        } else if (type.equals("text/html")) {
          byte[] html = readAtMost(decoded, limits.maxHtmlBytes());
          if (html == null) {
            item = new Bad(label + ": HTML larger than " + limits.maxHtmlBytes() + " bytes");
          } else {
            String text = HtmlText.toText(new String(html, charset(bd.getCharset())));
            String file = "part-" + no + ".txt";
            try (DocumentSpool.SpoolFile f = spool.create(folder, file)) {
              f.out().write(text.getBytes(StandardCharsets.UTF_8));
              f.commit();
            }
            item =
                new Part(
                    folder + "/" + file,
                    TEXT_TYPE,
                    name == null ? file : name,
                    true,
                    true,
                    attachment,
                    nested);
          }
        } else if (FAXABLE.containsKey(type)) {
          String file = "part-" + no + "." + FAXABLE.get(type);
          try (DocumentSpool.SpoolFile f = spool.create(folder, file)) {
            decoded.transferTo(f.out());
            if (f.size() == 0) {
              item = new Bad(label + ": empty");
            } else {
              f.commit();
              item =
                  new Part(
                      folder + "/" + file,
                      type,
                      name == null ? file : name,
                      false,
                      false,
                      attachment,
                      nested);
            }
          }
        } else {
          item = new Bad(label + ": cannot fax " + mime);
        }
        frames.peek().items.add(item);
      } catch (IOException e) {
        if (e instanceof org.apache.james.mime4j.MimeIOException
            || e instanceof org.apache.james.mime4j.io.MaxLineLimitException) {
          throw e;
        }
        frames.peek().items.add(new Bad(label + ": damaged content (" + e.getMessage() + ")"));
      }
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }

    private List<Item> chooseAlternative(List<Item> items) {
      Part plain = null;
      Part html = null;
      Part other = null;
      for (Item i : items) {
        if (i instanceof Part p) {
          if (p.text() && !p.html() && plain == null) {
            plain = p;
          } else if (p.html() && html == null) {
            html = p;
          } else if (other == null && !p.text()) {
            other = p;
          }
        }
      }
      Part chosen = plain != null ? plain : html != null ? html : other;
      if (chosen == null) {
        return items;
      }
      for (Item i : items) {
        if (i instanceof Part p && p != chosen) {
          try {
            spool.deleteFile(p.path());
          } catch (IOException ignored) {
            // an unused alternative left behind is removed with the folder
          }
        }
      }
      return List.of(chosen);
    }

    FaxSubmission result() throws MessageRefusedException {
      List<Item> items = new ArrayList<>(frames.peek().items);
      Part body = null;
      for (Item i : items) {
        if (i instanceof Part p && p.text() && !p.attachment() && !p.nested()) {
          body = p;
          break;
        }
      }
      List<FaxPart> documents = new ArrayList<>();
      List<String> unfaxable = new ArrayList<>();
      for (Item i : items) {
        if (i == body) {
          continue;
        }
        if (i instanceof Part p) {
          if (p.text() && isBlank(p.path())) {
            continue;
          }
          documents.add(new FaxPart(p.path(), p.contentType(), p.name(), p.text()));
        } else if (i instanceof Bad b) {
          unfaxable.add(b.description());
        }
      }
      FaxPart bodyPart =
          body == null || isBlank(body.path())
              ? null
              : new FaxPart(body.path(), body.contentType(), "message.txt", true);
      return new FaxSubmission(
          topHeaders.getOrDefault("subject", ""),
          topHeaders.get("message-id"),
          bodyPart,
          documents,
          unfaxable,
          options());
    }

    private boolean isBlank(String path) {
      try {
        Path p = spool.resolve(path);
        if (Files.size(p) > 4096) {
          return false;
        }
        return Files.readString(p, StandardCharsets.UTF_8).isBlank();
      } catch (IOException e) {
        return false;
      }
    }

    private FaxSubmission.FaxOptions options() throws MessageRefusedException {
      String res = lower(topHeaders.get("x-fax-resolution"));
      if (res != null && !res.equals("fine") && !res.equals("normal")) {
        throw refuse("X-Fax-Resolution must be fine or normal");
      }
      String notify = lower(topHeaders.get("x-fax-notify"));
      if (notify != null && !Set.of("done", "failed", "all", "none").contains(notify)) {
        throw refuse("X-Fax-Notify must be done, failed, all or none");
      }
      String cover = lower(topHeaders.get("x-fax-cover"));
      if (cover != null && !cover.equals("yes") && !cover.equals("no")) {
        throw refuse("X-Fax-Cover must be yes or no");
      }
      String sendAt = topHeaders.get("x-fax-send-at");
      Instant at = null;
      if (sendAt != null) {
        try {
          at = OffsetDateTime.parse(sendAt.trim()).toInstant();
        } catch (DateTimeParseException e) {
          throw refuse("X-Fax-Send-At must be an RFC 3339 time such as 2026-05-01T09:30:00Z");
        }
      }
      String capture = lower(topHeaders.get("x-fax-capture"));
      if (capture != null && !capture.equals("yes") && !capture.equals("no")) {
        throw refuse("X-Fax-Capture must be yes or no");
      }
      return new FaxSubmission.FaxOptions(
          res,
          notify,
          cover == null ? null : cover.equals("yes"),
          at,
          capture == null ? null : capture.equals("yes"));
    }
  }

  private static MessageRefusedException refuse(String why) {
    return new MessageRefusedException(554, "5.6.0 " + why);
  }

  private static String lower(String s) {
    return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static InputStream decoder(String transferEncoding, InputStream in) {
    String te = transferEncoding == null ? "" : transferEncoding.toLowerCase(Locale.ROOT).trim();
    return switch (te) {
      case "base64" -> new Base64InputStream(in, DecodeMonitor.STRICT);
      case "quoted-printable" -> new QuotedPrintableInputStream(in, DecodeMonitor.STRICT);
      default -> in;
    };
  }

  private static Charset charset(String name) {
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      Charset c = Charset.forName(name.trim());
      // Mail often says us-ascii and holds UTF-8; UTF-8 decodes ASCII the same.
      return c.equals(StandardCharsets.US_ASCII) ? StandardCharsets.UTF_8 : c;
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private void writeText(String folder, String file, InputStream in, Charset cs)
      throws IOException {
    CharsetDecoder dec =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (DocumentSpool.SpoolFile f = spool.create(folder, file)) {
      Reader r = new InputStreamReader(in, dec);
      Writer w = new OutputStreamWriter(f.out(), StandardCharsets.UTF_8);
      r.transferTo(w);
      w.flush();
      f.commit();
    }
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + n > max) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static String decodeUtf8(byte[] raw) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      return d.decode(java.nio.ByteBuffer.wrap(raw)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(raw, StandardCharsets.ISO_8859_1);
    }
  }
}
