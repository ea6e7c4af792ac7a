package org.faxgw.iax2;

import java.util.Arrays;

/**
 * An IAX2 mini frame, RFC 5456 section 8.1.2: a 4-octet header (F=0, source call number, low 16
 * bits of the timestamp) and voice in the format of the call's last full VOICE frame. Immutable.
 *
 * @param sourceCall source call number (15 bits)
 * @param timestamp16 the low 16 bits of the timestamp in milliseconds
 * @param payload the audio octets
 */
public record MiniFrame(int sourceCall, int timestamp16, byte[] payload) implements Iax2Frame {
  public MiniFrame {
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public int payloadLength() {
    return payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MiniFrame m
        && m.sourceCall == sourceCall
        && m.timestamp16 == timestamp16
        && Arrays.equals(m.payload, payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * sourceCall + timestamp16) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "MiniFrame[scall="
        + sourceCall
        + " ts16="
        + timestamp16
        + " "
        + payload.length
        + " octets]";
  }
}
