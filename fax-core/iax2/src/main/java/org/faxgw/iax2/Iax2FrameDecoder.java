package org.faxgw.iax2;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one UDP datagram into an {@link Iax2Frame} (RFC 5456 section 8.1). Pure and stateless: it
 * does not know which format a mini frame's call uses; that is the caller's per-call state. Never
 * throws on bad input: what is not a frame comes back as a {@link MalformedFrame}.
 */
public final class Iax2FrameDecoder {
  /** RFC 5456 8.1.1: the full frame header is 12 octets. */
  public static final int FULL_HEADER = 12;

  /** RFC 5456 8.1.2: the mini frame header is 4 octets. */
  public static final int MINI_HEADER = 4;

  /**
   * Our limit on a datagram (ARCHITECTURE.md rule 7). 20 ms of 16-bit linear audio is 320 octets
   * and IE payloads are small; 4096 leaves room for any frame a fax call sees.
   */
  public static final int MAX_FRAME = 4096;

  private Iax2FrameDecoder() {}

  /** Decodes {@code buf[off..off+len)}. */
  public static Iax2Frame decode(byte[] buf, int off, int len) {
    if (off < 0 || len < 0 || off + len > buf.length) {
      throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " of " + buf.length);
    }
    if (len > MAX_FRAME) {
      return new MalformedFrame("frame of " + len + " octets exceeds the limit " + MAX_FRAME, len);
    }
    if (len < MINI_HEADER) {
      return new MalformedFrame("datagram of " + len + " octets is shorter than any frame", len);
    }
    int w0 = u16(buf, off);
    if ((w0 & 0x8000) != 0) {
      return decodeFull(buf, off, len);
    }
    if (w0 == 0) {
      // RFC 5456 8.1.3: meta frames; bit 15 of the second word marks a video mini frame.
      return new MetaFrame((u16(buf, off + 2) & 0x8000) != 0, len);
    }
    byte[] payload = new byte[len - MINI_HEADER];
    System.arraycopy(buf, off + MINI_HEADER, payload, 0, payload.length);
    return new MiniFrame(miniSourceCall(buf, off), miniTimestamp16(buf, off), payload);
  }

  /**
   * Whether {@code buf[off..off+len)} is a mini frame, the one {@link #decode} would return as a
   * {@link MiniFrame}: for reading one in place (its payload is {@code buf[off + MINI_HEADER..off +
   * len)}) on the 20 ms path, where decoding it would allocate.
   */
  public static boolean isMini(byte[] buf, int off, int len) {
    return len >= MINI_HEADER && len <= MAX_FRAME && (buf[off] & 0x80) == 0 && u16(buf, off) != 0;
  }

  /** The source call number of the mini frame at {@code buf[off]} (RFC 5456 8.1.2). */
  public static int miniSourceCall(byte[] buf, int off) {
    return u16(buf, off) & 0x7FFF;
  }

  /** The low 16 timestamp bits of the mini frame at {@code buf[off]} (RFC 5456 8.1.2). */
  public static int miniTimestamp16(byte[] buf, int off) {
    return u16(buf, off + 2);
  }

  /** Decodes a whole array. */
  public static Iax2Frame decode(byte[] datagram) {
    return decode(datagram, 0, datagram.length);
  }

  private static Iax2Frame decodeFull(byte[] buf, int off, int len) {
    if (len < FULL_HEADER) {
      return new MalformedFrame("full frame of " + len + " octets is shorter than its header", len);
    }
    int scall = u16(buf, off) & 0x7FFF;
    int w1 = u16(buf, off + 2);
    boolean retransmitted = (w1 & 0x8000) != 0;
    int dcall = w1 & 0x7FFF;
    long ts = ((long) u16(buf, off + 4) << 16) | u16(buf, off + 6);
    int oseq = buf[off + 8] & 0xFF;
    int iseq = buf[off + 9] & 0xFF;
    int type = buf[off + 10] & 0xFF;
    int csub = buf[off + 11] & 0xFF;
    long subclass;
    if ((csub & 0x80) != 0) {
      // RFC 5456 8.1.1: with the C bit set, the subclass is 2 to the power of the low 7 bits.
      int exp = csub & 0x7F;
      if (exp > 62) {
        return new MalformedFrame("compressed subclass 2^" + exp + " out of range", len);
      }
      subclass = 1L << exp;
    } else {
      subclass = csub;
    }
    byte[] payload = new byte[len - FULL_HEADER];
    System.arraycopy(buf, off + FULL_HEADER, payload, 0, payload.length);
    List<InformationElement> ies = List.of();
    if (type == FrameType.IAX.code()) {
      ies = new ArrayList<>();
      int p = 0;
      while (p < payload.length) {
        if (p + 2 > payload.length) {
          return new MalformedFrame("information element header cut off at octet " + p, len);
        }
        int id = payload[p] & 0xFF;
        int ieLen = payload[p + 1] & 0xFF;
        if (p + 2 + ieLen > payload.length) {
          return new MalformedFrame(
              "information element " + id + " of " + ieLen + " octets runs past the frame", len);
        }
        byte[] v = new byte[ieLen];
        System.arraycopy(payload, p + 2, v, 0, ieLen);
        ies.add(new InformationElement(id, v));
        p += 2 + ieLen;
      }
    }
    return new FullFrame(scall, dcall, retransmitted, ts, oseq, iseq, type, subclass, payload, ies);
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }
}
