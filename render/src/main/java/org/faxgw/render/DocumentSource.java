package org.faxgw.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A document to render: a file, or bytes in memory. Opened as often as a renderer needs. */
sealed interface DocumentSource {
  long length() throws IOException;

  /** The first {@code n} bytes, fewer if the document is shorter. */
  byte[] head(int n) throws IOException;

  /** The last {@code n} bytes, fewer if the document is shorter. */
  byte[] tail(int n) throws IOException;

  InputStream open() throws IOException;

  /** A display name for messages. */
  String name();

  record FileSource(Path path) implements DocumentSource {
    @Override
    public long length() throws IOException {
      return Files.size(path);
    }

    @Override
    public byte[] head(int n) throws IOException {
      try (InputStream in = Files.newInputStream(path)) {
        return in.readNBytes(n);
      }
    }

    @Override
    public byte[] tail(int n) throws IOException {
      try (SeekableByteChannel ch = Files.newByteChannel(path)) {
        long size = ch.size();
        int len = (int) Math.min(n, size);
        ByteBuffer buf = ByteBuffer.allocate(len);
        ch.position(size - len);
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
          // keep reading
        }
        return Arrays.copyOf(buf.array(), buf.position());
      }
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path);
    }

    @Override
    public String name() {
      Path f = path.getFileName();
      return f == null ? path.toString() : f.toString();
    }
  }

  record BytesSource(byte[] bytes) implements DocumentSource {
    @Override
    public long length() {
      return bytes.length;
    }

    @Override
    public byte[] head(int n) {
      return Arrays.copyOf(bytes, Math.min(n, bytes.length));
    }

    @Override
    public byte[] tail(int n) {
      return Arrays.copyOfRange(bytes, Math.max(0, bytes.length - n), bytes.length);
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public String name() {
      return "document";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BytesSource b && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "BytesSource[" + bytes.length + " bytes]";
    }
  }
}
