package org.faxgw.t4;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads bilevel TIFF files into pages (TIFF 6.0 sections 2, 3, 8 and 11): Compression 1
 * (uncompressed), 2 (CCITT modified Huffman RLE), 3 (T.4 MH or MR, with or without fill bits,
 * T4Options) and 4 (T.6 MMR); FillOrder 1 and 2; any number of strips; PhotometricInterpretation 0
 * or 1; either byte order.
 *
 * <p>Limits (ARCHITECTURE rule 7) so that a lying header cannot make us allocate without bound:
 * {@link #MAX_WIDTH}, {@link #MAX_HEIGHT}, {@link #MAX_PAGES}, {@link #MAX_FILE_BYTES}. Every
 * violation and every coding error is a {@link T4FormatException} naming the page and the fault.
 */
public final class FaxTiffReader {
  private FaxTiffReader() {}

  /** Widest page accepted: T.4 A3 at 16 pels/mm is 4864 pels (T.4 Table 1). */
  public static final int MAX_WIDTH = 4864;

  /** Most rows per page accepted. */
  public static final int MAX_HEIGHT = 65535;

  /** Most pages per file accepted. */
  public static final int MAX_PAGES = 1000;

  /** Largest file accepted from a stream. */
  public static final int MAX_FILE_BYTES = 256 << 20;

  /** Most decoded bytes per file (all pages together). */
  public static final long MAX_TOTAL_PIXEL_BYTES = 1L << 30;

  public static List<BilevelPage> read(InputStream in) throws IOException {
    byte[] data = in.readNBytes(MAX_FILE_BYTES + 1);
    if (data.length > MAX_FILE_BYTES) {
      throw new T4FormatException("TIFF larger than " + MAX_FILE_BYTES + " bytes");
    }
    return read(data);
  }

  public static List<BilevelPage> read(byte[] tiff) throws T4FormatException {
    return read(tiff, false);
  }

  /**
   * Reads a TIFF; with {@code repairCodingErrors}, rows of G3/G4 strips that do not decode are
   * replaced instead of failing the file (as fax software does with received pages): in G3 a bad
   * row repeats the row above and decoding resumes at the next EOL ({@link T4StreamDecoder}); in
   * G4, which has no EOL to resume at, the rows from the first error to the end of the strip are
   * white. Structural faults (header, tags, offsets, limits) still throw.
   */
  public static List<BilevelPage> read(byte[] tiff, boolean repairCodingErrors)
      throws T4FormatException {
    if (tiff.length < 8) {
      throw new T4FormatException("not a TIFF file: " + tiff.length + " bytes");
    }
    boolean little;
    if (tiff[0] == 'I' && tiff[1] == 'I') {
      little = true;
    } else if (tiff[0] == 'M' && tiff[1] == 'M') {
      little = false;
    } else {
      throw new T4FormatException("not a TIFF file: byte order mark missing");
    }
    Bytes b = new Bytes(tiff, little);
    int magic = b.u16(2);
    if (magic == 43) {
      throw new T4FormatException("BigTIFF is not supported");
    }
    if (magic != 42) {
      throw new T4FormatException("not a TIFF file: magic number " + magic);
    }
    List<BilevelPage> pages = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    long ifd = b.u32(4);
    long totalBytes = 0;
    T4Decoder decoder = new T4Decoder();
    while (ifd != 0) {
      if (!seen.add(ifd)) {
        throw new T4FormatException("IFD chain loops back to offset " + ifd);
      }
      if (pages.size() >= MAX_PAGES) {
        throw new T4FormatException("more than " + MAX_PAGES + " pages");
      }
      Directory d = Directory.parse(b, ifd, pages.size() + 1);
      BilevelPage page = readPage(b, d, pages.size() + 1, decoder, repairCodingErrors);
      totalBytes += (long) page.stride() * page.height();
      if (totalBytes > MAX_TOTAL_PIXEL_BYTES) {
        throw new T4FormatException(
            "pages decode to more than " + MAX_TOTAL_PIXEL_BYTES + " bytes");
      }
      pages.add(page);
      ifd = d.next;
    }
    return pages;
  }

  private static BilevelPage readPage(
      Bytes b, Directory d, int pageNo, T4Decoder decoder, boolean repair)
      throws T4FormatException {
    String where = "page " + pageNo;
    long width = d.value(256, -1);
    long height = d.value(257, -1);
    if (width < 1 || width > MAX_WIDTH) {
      throw new T4FormatException(where + ": ImageWidth " + width + " outside 1.." + MAX_WIDTH);
    }
    if (height < 1 || height > MAX_HEIGHT) {
      throw new T4FormatException(where + ": ImageLength " + height + " outside 1.." + MAX_HEIGHT);
    }
    long bps = d.value(258, 1);
    long spp = d.value(277, 1);
    if (bps != 1 || spp != 1) {
      throw new T4FormatException(
          where + ": not bilevel (BitsPerSample " + bps + ", SamplesPerPixel " + spp + ")");
    }
    long compression = d.value(259, 1);
    long photometric = d.value(262, 0);
    long fillOrder = d.value(266, 1);
    if (photometric != 0 && photometric != 1) {
      throw new T4FormatException(
          where + ": PhotometricInterpretation " + photometric + " is not bilevel");
    }
    if (fillOrder != 1 && fillOrder != 2) {
      throw new T4FormatException(where + ": FillOrder " + fillOrder);
    }
    long rps = Math.min(d.value(278, 0xFFFF_FFFFL), height);
    if (rps < 1) {
      throw new T4FormatException(where + ": RowsPerStrip " + rps);
    }
    int strips = (int) ((height + rps - 1) / rps);
    long[] offsets = d.values(273, b, where);
    long[] counts = d.values(279, b, where);
    if (offsets == null || counts == null) {
      throw new T4FormatException(where + ": StripOffsets or StripByteCounts missing");
    }
    if (offsets.length < strips || counts.length < strips) {
      throw new T4FormatException(
          where
              + ": "
              + strips
              + " strips needed for "
              + height
              + " rows, StripOffsets has "
              + offsets.length
              + ", StripByteCounts "
              + counts.length);
    }
    FaxCompression coding;
    boolean rle = false;
    switch ((int) compression) {
      case 1 -> coding = null;
      case 2 -> {
        coding = FaxCompression.MH;
        rle = true;
      }
      case 3 -> {
        long t4 = d.value(292, 0);
        if ((t4 & 2) != 0) {
          throw new T4FormatException(where + ": T4Options uncompressed mode is not supported");
        }
        coding = (t4 & 1) != 0 ? FaxCompression.MR : FaxCompression.MH;
      }
      case 4 -> {
        long t6 = d.value(293, 0);
        if ((t6 & 2) != 0) {
          throw new T4FormatException(where + ": T6Options uncompressed mode is not supported");
        }
        coding = FaxCompression.MMR;
      }
      default ->
          throw new T4FormatException(
              where + ": Compression " + compression + " is not a bilevel fax coding");
    }
    int w = (int) width;
    int h = (int) height;
    int stride = BilevelPage.stride(w);
    byte[] pixels = new byte[stride * h];
    for (int s = 0; s < strips; s++) {
      long off = offsets[s];
      long len = counts[s];
      if (off < 0 || len < 0 || off + len > b.data.length) {
        throw new T4FormatException(
            where + ": strip " + s + " at " + off + "+" + len + " lies outside the file");
      }
      int first = (int) (s * rps);
      int rows = (int) Math.min(rps, h - first);
      byte[] src = b.data;
      int srcOff = (int) off;
      if (fillOrder == 2) {
        src = new byte[(int) len];
        System.arraycopy(b.data, (int) off, src, 0, (int) len);
        BitOrder.reverseInPlace(src, 0, src.length);
        srcOff = 0;
      }
      if (coding == null) {
        long need = (long) rows * stride;
        if (len < need) {
          throw new T4FormatException(
              where + ": strip " + s + " has " + len + " bytes, " + need + " needed");
        }
        System.arraycopy(src, srcOff, pixels, first * stride, (int) need);
      } else {
        try {
          decoder.decodeRows(
              src,
              srcOff,
              (int) len,
              coding,
              rle,
              w,
              pixels,
              first * stride,
              rows,
              true,
              where + " strip " + s);
        } catch (T4FormatException e) {
          if (!repair || rle) {
            throw e;
          }
          repairStrip(src, srcOff, (int) len, coding, w, pixels, first, rows, decoder);
        }
      }
    }
    Resolution res = resolution(b, d);
    if (photometric == 1) {
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (byte) ~pixels[i];
      }
    }
    if (coding == null || photometric == 1) {
      return new BilevelPage(w, h, res, pixels); // masks the bits past the width
    }
    return BilevelPage.wrap(w, h, res, pixels);
  }

  /** Decodes a strip again, replacing the rows that fail (see {@link #read(byte[], boolean)}). */
  private static void repairStrip(
      byte[] src,
      int off,
      int len,
      FaxCompression coding,
      int w,
      byte[] pixels,
      int first,
      int rows,
      T4Decoder strict) {
    int stride = BilevelPage.stride(w);
    java.util.Arrays.fill(pixels, first * stride, (first + rows) * stride, (byte) 0);
    if (coding == FaxCompression.MMR) {
      try {
        strict.decodeRows(
            src, off, len, coding, false, w, pixels, first * stride, rows, false, "strip");
      } catch (T4FormatException e) {
        // The rows before the error are in place; clear the one being decoded and the rest.
        int done = strict.rowsDone();
        java.util.Arrays.fill(pixels, (first + done) * stride, (first + rows) * stride, (byte) 0);
      }
      return;
    }
    T4StreamDecoder d = new T4StreamDecoder(w, coding, Resolution.FINE);
    d.putBytes(src, off, len, BitOrder.MSB_FIRST);
    if (!d.isPageComplete()) {
      d.endOfData();
    }
    BilevelPage got = d.page();
    for (int y = 0; y < rows; y++) {
      if (y < got.height()) {
        got.rowInto(y, pixels, (first + y) * stride);
      } else if (y > 0) {
        System.arraycopy(pixels, (first + y - 1) * stride, pixels, (first + y) * stride, stride);
      }
    }
  }

  private static Resolution resolution(Bytes b, Directory d) throws T4FormatException {
    double x = d.rational(282, b);
    double y = d.rational(283, b);
    long unit = d.value(296, 2);
    if (unit == 3) {
      x *= 2.54;
      y *= 2.54;
    }
    int xi = x > 0 && x < 100_000 ? (int) Math.round(x) : 204;
    int yi = y > 0 && y < 100_000 ? (int) Math.round(y) : 196;
    return new Resolution(Math.max(1, xi), Math.max(1, yi));
  }

  /** Byte access with bounds checks in the file's byte order. */
  private static final class Bytes {
    final byte[] data;
    final boolean little;

    Bytes(byte[] data, boolean little) {
      this.data = data;
      this.little = little;
    }

    int u8(long at) throws T4FormatException {
      if (at < 0 || at >= data.length) {
        throw new T4FormatException("offset " + at + " outside the file (" + data.length + ")");
      }
      return data[(int) at] & 0xFF;
    }

    int u16(long at) throws T4FormatException {
      int a = u8(at);
      int c = u8(at + 1);
      return little ? a | c << 8 : a << 8 | c;
    }

    long u32(long at) throws T4FormatException {
      long a = u16(at);
      long c = u16(at + 2);
      return little ? a | c << 16 : a << 16 | c;
    }
  }

  /** The entries of one IFD, values read lazily. */
  private static final class Directory {
    final java.util.Map<Integer, long[]> raw = new java.util.HashMap<>(); // type, count, valueAt
    long next;

    static Directory parse(Bytes b, long at, int pageNo) throws T4FormatException {
      Directory d = new Directory();
      int n = b.u16(at);
      if (at + 2 + 12L * n + 4 > b.data.length) {
        throw new T4FormatException("page " + pageNo + ": IFD at " + at + " runs past the file");
      }
      for (int i = 0; i < n; i++) {
        long e = at + 2 + 12L * i;
        int tag = b.u16(e);
        int type = b.u16(e + 2);
        long count = b.u32(e + 4);
        int unit = typeSize(type);
        long valueAt = unit * count <= 4 ? e + 8 : b.u32(e + 8);
        d.raw.put(tag, new long[] {type, count, valueAt});
      }
      d.next = b.u32(at + 2 + 12L * n);
      d.bytes = b;
      return d;
    }

    Bytes bytes;

    static int typeSize(int type) {
      return switch (type) {
        case 1, 2, 6, 7 -> 1;
        case 3, 8 -> 2;
        case 4, 9, 11 -> 4;
        case 5, 10, 12 -> 8;
        default -> 1;
      };
    }

    long value(int tag, long dflt) throws T4FormatException {
      long[] e = raw.get(tag);
      if (e == null || e[1] < 1) {
        return dflt;
      }
      return element(tag, e, 0);
    }

    private long element(int tag, long[] e, long i) throws T4FormatException {
      int type = (int) e[0];
      return switch (type) {
        case 1, 7 -> bytes.u8(e[2] + i);
        case 3 -> bytes.u16(e[2] + 2 * i);
        case 4 -> bytes.u32(e[2] + 4 * i);
        default -> throw new T4FormatException("TIFF tag " + tag + " has unexpected type " + type);
      };
    }

    long[] values(int tag, Bytes b, String where) throws T4FormatException {
      long[] e = raw.get(tag);
      if (e == null) {
        return null;
      }
      long count = e[1];
      if (count > MAX_HEIGHT) {
        throw new T4FormatException(where + ": tag " + tag + " has " + count + " values");
      }
      long[] out = new long[(int) count];
      for (int i = 0; i < count; i++) {
        out[i] = element(tag, e, i);
      }
      return out;
    }

    double rational(int tag, Bytes b) throws T4FormatException {
      long[] e = raw.get(tag);
      if (e == null || e[1] < 1) {
        return -1;
      }
      if (e[0] == 5) {
        long num = b.u32(e[2]);
        long den = b.u32(e[2] + 4);
        return den == 0 ? -1 : (double) num / den;
      }
      if (e[0] == 3 || e[0] == 4) {
        return element(tag, e, 0);
      }
      return -1;
    }
  }
}
