package org.faxgw.t4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes multi-page G3/G4 fax TIFF files (TIFF 6.0 sections 3, 8 and 11; TIFF Class F conventions):
 * little-endian, one IFD per page with NewSubfileType = page, PageNumber, X/YResolution in dots per
 * inch, FillOrder 1, PhotometricInterpretation 0 (WhiteIsZero), Compression 3 with T4Options (MH or
 * MR, EOLs byte-aligned) or Compression 4 with T6Options (MMR).
 *
 * <p>Layout: header, then for each page its IFD (with its out-of-line values) followed by its
 * strips, so the file streams out in one pass with one page coded at a time.
 */
public final class FaxTiffWriter {
  private FaxTiffWriter() {}

  /** Rows per strip when none is asked for: the whole page in one strip. */
  public static final int ONE_STRIP = Integer.MAX_VALUE;

  // TIFF 6.0 section 2: field types.
  private static final int SHORT = 3;
  private static final int LONG = 4;
  private static final int RATIONAL = 5;

  public static byte[] write(List<BilevelPage> pages, FaxCompression compression) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(pages, compression, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static void write(List<BilevelPage> pages, FaxCompression compression, OutputStream out)
      throws IOException {
    write(pages, compression, ONE_STRIP, out);
  }

  /**
   * Writes {@code pages} with at most {@code rowsPerStrip} rows in each strip (each strip coded on
   * its own: its first MR row is 1-D, its first MMR reference row white). K for MR follows each
   * page's resolution (T.4 4.2.1.3.4).
   */
  public static void write(
      List<BilevelPage> pages, FaxCompression compression, int rowsPerStrip, OutputStream out)
      throws IOException {
    write(pages, compression, 0, rowsPerStrip, out);
  }

  /** As {@link #write(List, FaxCompression, int, OutputStream)} with MR's K given (0 = default). */
  public static void write(
      List<BilevelPage> pages,
      FaxCompression compression,
      int k,
      int rowsPerStrip,
      OutputStream out)
      throws IOException {
    if (pages.isEmpty()) {
      throw new IllegalArgumentException("a TIFF file needs at least one page");
    }
    if (rowsPerStrip < 1) {
      throw new IllegalArgumentException("rows per strip must be positive: " + rowsPerStrip);
    }
    if (pages.size() > 0xFFFF) {
      throw new IllegalArgumentException("too many pages: " + pages.size());
    }
    T4Encoder encoder = new T4Encoder();
    // TIFF 6.0 section 2: image file header, little-endian, first IFD right after it.
    long pos = 8;
    out.write(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
    for (int p = 0; p < pages.size(); p++) {
      BilevelPage page = pages.get(p);
      if (page.height() == 0) {
        throw new IllegalArgumentException("page " + (p + 1) + " has no rows");
      }
      T4EncodeOptions o = T4EncodeOptions.forTiff(compression, page.resolution());
      if (k > 0) {
        o = o.withK(k);
      }
      int rps = Math.min(rowsPerStrip, page.height());
      int strips = (page.height() + rps - 1) / rps;
      byte[][] data = new byte[strips][];
      long dataLen = 0;
      for (int s = 0; s < strips; s++) {
        int first = s * rps;
        data[s] = encoder.encodeRows(page, first, Math.min(rps, page.height() - first), o);
        dataLen += data[s].length;
      }
      Ifd ifd = new Ifd();
      ifd.add(254, LONG, 2); // NewSubfileType: bit 1 = one page of a multi-page image
      ifd.add(256, LONG, page.width()); // ImageWidth
      ifd.add(257, LONG, page.height()); // ImageLength
      ifd.add(258, SHORT, 1); // BitsPerSample
      ifd.add(259, SHORT, compression == FaxCompression.MMR ? 4 : 3); // Compression: T4 / T6
      ifd.add(262, SHORT, 0); // PhotometricInterpretation: WhiteIsZero
      ifd.add(266, SHORT, 1); // FillOrder: MSB first
      ifd.addLongs(273, new long[strips]); // StripOffsets, patched below
      ifd.add(277, SHORT, 1); // SamplesPerPixel
      ifd.add(278, LONG, rps); // RowsPerStrip
      long[] counts = new long[strips];
      for (int s = 0; s < strips; s++) {
        counts[s] = data[s].length;
      }
      ifd.addLongs(279, counts); // StripByteCounts
      ifd.addRational(282, page.resolution().xDpi()); // XResolution
      ifd.addRational(283, page.resolution().yDpi()); // YResolution
      ifd.add(284, SHORT, 1); // PlanarConfiguration: chunky
      if (compression == FaxCompression.MMR) {
        ifd.add(293, LONG, 0); // T6Options
      } else {
        // T4Options: bit 0 = 2-D coding, bit 2 = fill bits make every EOL end on a byte boundary.
        ifd.add(292, LONG, (compression == FaxCompression.MR ? 1 : 0) | 4);
      }
      ifd.add(296, SHORT, 2); // ResolutionUnit: inch
      ifd.addShorts(297, p, pages.size()); // PageNumber
      long ifdStart = pos;
      int ifdSize = ifd.size();
      long dataStart = ifdStart + ifdSize;
      long next = p + 1 < pages.size() ? dataStart + dataLen + (dataLen & 1) : 0;
      long[] offsets = new long[strips];
      long o2 = dataStart;
      for (int s = 0; s < strips; s++) {
        offsets[s] = o2;
        o2 += data[s].length;
      }
      ifd.setLongs(273, offsets);
      if (dataStart + dataLen > 0xFFFF_FFFFL) {
        throw new IOException("TIFF over 4 GiB");
      }
      out.write(ifd.toBytes(ifdStart, next));
      for (byte[] d : data) {
        out.write(d);
      }
      pos = dataStart + dataLen;
      if ((pos & 1) != 0 && next != 0) {
        out.write(0); // TIFF 6.0 section 2: an IFD begins on a word boundary
        pos++;
      }
    }
    out.flush();
  }

  /** One image file directory being assembled: entries in ascending tag order. */
  private static final class Ifd {
    private final java.util.TreeMap<Integer, Entry> entries = new java.util.TreeMap<>();

    private record Entry(int type, long[] values) {}

    void add(int tag, int type, long value) {
      entries.put(tag, new Entry(type, new long[] {value}));
    }

    void addShorts(int tag, long a, long b) {
      entries.put(tag, new Entry(SHORT, new long[] {a, b}));
    }

    void addLongs(int tag, long[] values) {
      entries.put(tag, new Entry(LONG, values.clone()));
    }

    void setLongs(int tag, long[] values) {
      addLongs(tag, values);
    }

    void addRational(int tag, long numerator) {
      entries.put(tag, new Entry(RATIONAL, new long[] {numerator, 1}));
    }

    private static int valueBytes(Entry e) {
      int unit = e.type == SHORT ? 2 : 4;
      return unit * e.values.length; // a RATIONAL is stored as its two LONGs
    }

    int size() {
      int n = 2 + 12 * entries.size() + 4;
      for (Entry e : entries.values()) {
        int b = valueBytes(e);
        if (b > 4) {
          n += b + (b & 1);
        }
      }
      return n;
    }

    byte[] toBytes(long at, long nextIfd) {
      java.nio.ByteBuffer buf =
          java.nio.ByteBuffer.allocate(size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      int extra = 2 + 12 * entries.size() + 4;
      buf.putShort((short) entries.size());
      for (var me : entries.entrySet()) {
        Entry e = me.getValue();
        buf.putShort((short) (int) me.getKey());
        buf.putShort((short) e.type);
        buf.putInt(e.type == RATIONAL ? e.values.length / 2 : e.values.length);
        int b = valueBytes(e);
        int valuePos;
        if (b <= 4) {
          valuePos = buf.position();
          buf.putInt(0);
        } else {
          buf.putInt((int) (at + extra));
          valuePos = extra;
          extra += b + (b & 1);
        }
        int save = buf.position();
        buf.position(valuePos);
        for (long v : e.values) {
          if (e.type == SHORT) {
            buf.putShort((short) v);
          } else {
            buf.putInt((int) v);
          }
        }
        buf.position(save);
      }
      buf.putInt((int) nextIfd);
      return buf.array();
    }
  }
}
