package org.faxgw.iax2;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An IAX2 full frame, RFC 5456 section 8.1.1: the 12-octet header and its payload. For IAX frames
 * (type 6) the payload is also split into {@link #informationElements()}; for VOICE frames it is
 * the audio. Immutable.
 *
 * @param sourceCall source call number (15 bits)
 * @param destinationCall destination call number (15 bits)
 * @param retransmitted the R bit
 * @param timestamp milliseconds since the call began, unsigned 32 bits
 * @param oSeqno outbound sequence number
 * @param iSeqno inbound sequence number (next expected)
 * @param typeCode the frame-type octet (see {@link FrameType})
 * @param subclass the subclass value, already expanded when the C bit was set (2^value)
 * @param payload the octets after the header
 * @param informationElements the IEs of an IAX frame, in order; empty for other types
 */
public record FullFrame(
    int sourceCall,
    int destinationCall,
    boolean retransmitted,
    long timestamp,
    int oSeqno,
    int iSeqno,
    int typeCode,
    long subclass,
    byte[] payload,
    List<InformationElement> informationElements)
    implements Iax2Frame {

  public FullFrame {
    payload = payload.clone();
    informationElements = List.copyOf(informationElements);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** Length of the payload without copying it. */
  public int payloadLength() {
    return payload.length;
  }

  /** The frame type, or {@code null} for a type RFC 5456 does not define. */
  public FrameType type() {
    return FrameType.of(typeCode);
  }

  /** For an IAX frame, its subclass; otherwise or when unknown {@code null}. */
  public IaxSubclass iaxSubclass() {
    return typeCode == FrameType.IAX.code() ? IaxSubclass.of((int) subclass) : null;
  }

  /** For a CONTROL frame, its subclass; otherwise or when unknown {@code null}. */
  public ControlSubclass controlSubclass() {
    return typeCode == FrameType.CONTROL.code() ? ControlSubclass.of((int) subclass) : null;
  }

  /** For a VOICE frame in a format a fax endpoint uses, that format; otherwise {@code null}. */
  public MediaFormat mediaFormat() {
    return typeCode == FrameType.VOICE.code() ? MediaFormat.ofMask(subclass) : null;
  }

  /** The first information element of this type, if any. */
  public Optional<InformationElement> element(IeType type) {
    return informationElements.stream().filter(e -> e.id() == type.code()).findFirst();
  }

  /** A short name such as {@code IAX NEW}, {@code CONTROL ANSWER} or {@code VOICE 0x8}. */
  public String describe() {
    FrameType t = type();
    String tn = t == null ? "TYPE" + typeCode : t.name();
    Enum<?> sub = iaxSubclass() != null ? iaxSubclass() : controlSubclass();
    if (sub != null) {
      return tn + " " + sub.name();
    }
    if (t == FrameType.VOICE) {
      MediaFormat f = mediaFormat();
      return tn + " " + (f != null ? f.name() : "0x" + Long.toHexString(subclass));
    }
    return tn + " " + subclass;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FullFrame f
        && f.sourceCall == sourceCall
        && f.destinationCall == destinationCall
        && f.retransmitted == retransmitted
        && f.timestamp == timestamp
        && f.oSeqno == oSeqno
        && f.iSeqno == iSeqno
        && f.typeCode == typeCode
        && f.subclass == subclass
        && Arrays.equals(f.payload, payload);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestamp) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "FullFrame["
        + describe()
        + " scall="
        + sourceCall
        + " dcall="
        + destinationCall
        + (retransmitted ? " R" : "")
        + " ts="
        + timestamp
        + " oseq="
        + oSeqno
        + " iseq="
        + iSeqno
        + " "
        + (informationElements.isEmpty() ? payload.length + " octets" : informationElements)
        + "]";
  }
}
