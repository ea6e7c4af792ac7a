package org.faxgw.iax2;

import java.util.List;

/**
 * Encodes IAX2 frames to datagram bytes (RFC 5456 section 8.1), the inverse of {@link
 * Iax2FrameDecoder}: {@code decode(encode(f))} equals {@code f}. Pure and stateless; what goes in
 * the header (call numbers, sequence numbers, timestamps) is the caller's per-call state.
 */
public final class Iax2FrameEncoder {
  private Iax2FrameEncoder() {}

  /** Encodes a full frame with its payload as is (for IAX frames the payload holds the IEs). */
  public static byte[] encode(FullFrame f) {
    return full(
        f.sourceCall(),
        f.destinationCall(),
        f.retransmitted(),
        f.timestamp(),
        f.oSeqno(),
        f.iSeqno(),
        f.typeCode(),
        f.subclass(),
        f.payload());
  }

  /** Encodes a mini frame. */
  public static byte[] encode(MiniFrame m) {
    byte[] p = m.payload();
    return mini(m.sourceCall(), m.timestamp16(), p, 0, p.length);
  }

  /**
   * A full frame, RFC 5456 8.1.1.
   *
   * @param subclass the subclass value; values of 0x80 and more must be a power of two and are sent
   *     compressed (C bit, 8.1.1)
   * @throws IllegalArgumentException for a field out of range
   */
  public static byte[] full(
      int sourceCall,
      int destinationCall,
      boolean retransmitted,
      long timestamp,
      int oSeqno,
      int iSeqno,
      int typeCode,
      long subclass,
      byte[] payload) {
    checkCall(sourceCall);
    checkCall(destinationCall);
    if (typeCode < 0
        || typeCode > 255
        || oSeqno < 0
        || oSeqno > 255
        || iSeqno < 0
        || iSeqno > 255) {
      throw new IllegalArgumentException("type or sequence number out of range");
    }
    byte[] b = new byte[Iax2FrameDecoder.FULL_HEADER + payload.length];
    put16(b, 0, 0x8000 | sourceCall);
    put16(b, 2, (retransmitted ? 0x8000 : 0) | destinationCall);
    put16(b, 4, (int) (timestamp >>> 16) & 0xFFFF);
    put16(b, 6, (int) timestamp & 0xFFFF);
    b[8] = (byte) oSeqno;
    b[9] = (byte) iSeqno;
    b[10] = (byte) typeCode;
    b[11] = (byte) subclassOctet(subclass);
    System.arraycopy(payload, 0, b, Iax2FrameDecoder.FULL_HEADER, payload.length);
    return b;
  }

  /** An IAX (type 6) full frame carrying these information elements. */
  public static byte[] iax(
      int sourceCall,
      int destinationCall,
      long timestamp,
      int oSeqno,
      int iSeqno,
      IaxSubclass subclass,
      List<InformationElement> ies) {
    return full(
        sourceCall,
        destinationCall,
        false,
        timestamp,
        oSeqno,
        iSeqno,
        FrameType.IAX.code(),
        subclass.code(),
        informationElements(ies));
  }

  /** A mini voice frame, RFC 5456 8.1.2: F=0, source call number, low 16 timestamp bits. */
  public static byte[] mini(int sourceCall, int timestamp16, byte[] audio, int off, int len) {
    byte[] b = new byte[Iax2FrameDecoder.MINI_HEADER + len];
    miniHeader(sourceCall, timestamp16, b);
    System.arraycopy(audio, off, b, Iax2FrameDecoder.MINI_HEADER, len);
    return b;
  }

  /**
   * Writes a mini frame's header into {@code out[0..MINI_HEADER)}; the audio goes after it. For a
   * caller that reuses one datagram buffer per call.
   */
  public static void miniHeader(int sourceCall, int timestamp16, byte[] out) {
    checkCall(sourceCall);
    if (sourceCall == 0) {
      throw new IllegalArgumentException("a mini frame needs a non-zero call number");
    }
    put16(out, 0, sourceCall);
    put16(out, 2, timestamp16 & 0xFFFF);
  }

  /** The IEs back to back, RFC 5456 8.6: identifier, length, value. */
  public static byte[] informationElements(List<InformationElement> ies) {
    int n = 0;
    for (InformationElement e : ies) {
      n += 2 + e.length();
    }
    byte[] b = new byte[n];
    int p = 0;
    for (InformationElement e : ies) {
      b[p++] = (byte) e.id();
      b[p++] = (byte) e.length();
      e.copyValue(b, p);
      p += e.length();
    }
    return b;
  }

  /** A copy of an encoded full frame with the R bit (retransmission, RFC 5456 8.1.1) set. */
  public static byte[] withRetransmitBit(byte[] fullFrame) {
    byte[] b = fullFrame.clone();
    b[2] |= (byte) 0x80;
    return b;
  }

  /**
   * The subclass octet: values below 0x80 as they are, larger powers of two as C=1 and the exponent
   * (RFC 5456 8.1.1).
   */
  public static int subclassOctet(long subclass) {
    if (subclass >= 0 && subclass < 0x80) {
      return (int) subclass;
    }
    if (subclass > 0 && Long.bitCount(subclass) == 1) {
      return 0x80 | Long.numberOfTrailingZeros(subclass);
    }
    throw new IllegalArgumentException("subclass " + subclass + " cannot be encoded");
  }

  private static void checkCall(int call) {
    if (call < 0 || call > 0x7FFF) {
      throw new IllegalArgumentException("call number out of range: " + call);
    }
  }

  private static void put16(byte[] b, int i, int v) {
    b[i] = (byte) (v >>> 8);
    b[i + 1] = (byte) v;
  }
}
