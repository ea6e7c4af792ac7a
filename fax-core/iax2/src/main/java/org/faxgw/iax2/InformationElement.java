package org.faxgw.iax2;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One information element of an IAX frame, RFC 5456 section 8.6: an identifier octet, a length
 * octet and {@code length} octets of value. Immutable.
 */
public record InformationElement(int id, byte[] value) {
  public InformationElement {
    if (id < 0 || id > 255) {
      throw new IllegalArgumentException("IE id out of range: " + id);
    }
    if (value.length > 255) {
      throw new IllegalArgumentException("IE value longer than 255 octets: " + value.length);
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** A text element (ISO 8859-1, as {@link #asString} reads it). */
  public static InformationElement of(IeType type, String text) {
    return new InformationElement(type.code(), text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A number in {@code octets} octets, network order (RFC 5456 8.6). */
  public static InformationElement of(IeType type, long value, int octets) {
    byte[] v = new byte[octets];
    for (int i = octets - 1; i >= 0; i--) {
      v[i] = (byte) value;
      value >>>= 8;
    }
    return new InformationElement(type.code(), v);
  }

  /** An element with these value octets (copied). */
  public static InformationElement of(IeType type, byte[] value) {
    return new InformationElement(type.code(), value);
  }

  /** The value's length in octets, without copying it. */
  public int length() {
    return value.length;
  }

  /** Copies the value into {@code dst} at {@code off}. */
  public void copyValue(byte[] dst, int off) {
    System.arraycopy(value, 0, dst, off, value.length);
  }

  /** The known element type, or {@code null}. */
  public IeType type() {
    return IeType.of(id);
  }

  /** The value as text (octets read as ISO 8859-1, which never fails). */
  public String asString() {
    return new String(value, StandardCharsets.ISO_8859_1);
  }

  /**
   * The value as a big-endian unsigned number (1, 2, 4 or 8 octets; RFC 5456 8.6 sends numbers in
   * network order).
   *
   * @throws IllegalStateException when the value is empty or longer than 8 octets
   */
  public long asUnsigned() {
    if (value.length == 0 || value.length > 8) {
      throw new IllegalStateException("IE " + id + " is not a number: " + value.length + " octets");
    }
    long v = 0;
    for (byte b : value) {
      v = (v << 8) | (b & 0xFF);
    }
    return v;
  }

  /** A readable form such as {@code FORMAT=0x8} or {@code CAUSE="Normal disconnect"}. */
  public String describe() {
    IeType t = type();
    String name = t == null ? "IE" + id : t.name();
    if (t != null && t.kind() == IeType.Kind.STRING) {
      return name + "=\"" + asString() + "\"";
    }
    if (t != null && t.kind() == IeType.Kind.UNSIGNED && value.length > 0 && value.length <= 8) {
      long v = asUnsigned();
      return name
          + "="
          + (t == IeType.FORMAT || t == IeType.CAPABILITY ? "0x" + Long.toHexString(v) : v);
    }
    return name + "=" + (value.length == 0 ? "(empty)" : HexFormat.of().formatHex(value));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InformationElement e && e.id == id && Arrays.equals(e.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * id + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return describe();
  }
}
