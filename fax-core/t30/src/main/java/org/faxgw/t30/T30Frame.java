package org.faxgw.t30;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One T.30 HDLC frame as received (T.30 5.3): address {@code 0xFF}, control {@code 0x03} or final
 * {@code 0x13}, the FCF octet and the FIF, without flags or FCS. Octets are in the order received
 * with each octet's first bit in its least significant position. Immutable.
 */
public final class T30Frame {
  /** T.30 5.3.4: the address field is all ones. */
  public static final int ADDRESS = 0xFF;

  /** T.30 5.3.5: control field 1100 0000 (non-final frame). */
  public static final int CONTROL = 0x03;

  /** T.30 5.3.5: control field 1100 1000 (final frame of a message). */
  public static final int CONTROL_FINAL = 0x13;

  private final byte[] octets;

  private T30Frame(byte[] octets) {
    this.octets = octets;
  }

  /**
   * @param octets address, control, FCF and FIF (at least 3 octets)
   * @throws IllegalArgumentException when shorter than 3 octets
   */
  public static T30Frame of(byte[] octets) {
    if (octets.length < 3) {
      throw new IllegalArgumentException("a T.30 frame has at least address, control and FCF");
    }
    return new T30Frame(octets.clone());
  }

  /** All octets, address first. */
  public byte[] octets() {
    return octets.clone();
  }

  public int length() {
    return octets.length;
  }

  public int address() {
    return octets[0] & 0xFF;
  }

  public int control() {
    return octets[1] & 0xFF;
  }

  /** True when the control field says this is the last frame of the message (0x13). */
  public boolean isFinal() {
    return control() == CONTROL_FINAL;
  }

  /** True when address and control are the values T.30 5.3.4/5.3.5 allow. */
  public boolean hasValidHeader() {
    return address() == ADDRESS && (control() == CONTROL || control() == CONTROL_FINAL);
  }

  /** The FCF octet as received. */
  public int fcfOctet() {
    return octets[2] & 0xFF;
  }

  /** The FCF, or {@code null} for an octet T.30 does not define. */
  public Fcf fcf() {
    return Fcf.of(fcfOctet());
  }

  /** The X bit (T.30 5.3.6.1), for FCFs that have one. */
  public boolean xBit() {
    Fcf f = fcf();
    return f != null && f.hasXBit() && (fcfOctet() & 1) != 0;
  }

  /** The facsimile information field: the octets after the FCF. */
  public byte[] fif() {
    return Arrays.copyOfRange(octets, 3, octets.length);
  }

  /** The octets in hex, space separated, as received. */
  public String hex() {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(octets);
  }

  /**
   * A name such as {@code DCS}, {@code PPS-EOP} (with its FCF2) or {@code FCD}; {@code ?0xNN} for
   * an unknown FCF.
   */
  public String name() {
    Fcf f = fcf();
    if (f == null) {
      return String.format("?0x%02X", fcfOctet());
    }
    if (f == Fcf.PPS && octets.length > 3) {
      return "PPS-" + Fcf.fcf2Name(octets[3]);
    }
    return f.name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof T30Frame f && Arrays.equals(f.octets, octets);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(octets);
  }

  @Override
  public String toString() {
    return name() + "[" + hex() + "]";
  }
}
