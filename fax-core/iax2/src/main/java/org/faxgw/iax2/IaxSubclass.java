package org.faxgw.iax2;

/** Subclasses of IAX (type 6) frames, RFC 5456 section 8.4 (IANA "IAX Frame Subclass"). */
public enum IaxSubclass {
  NEW(1),
  PING(2),
  PONG(3),
  ACK(4),
  HANGUP(5),
  REJECT(6),
  ACCEPT(7),
  AUTHREQ(8),
  AUTHREP(9),
  INVAL(10),
  LAGRQ(11),
  LAGRP(12),
  REGREQ(13),
  REGAUTH(14),
  REGACK(15),
  REGREJ(16),
  REGREL(17),
  VNAK(18),
  DPREQ(19),
  DPREP(20),
  DIAL(21),
  TXREQ(22),
  TXCNT(23),
  TXACC(24),
  TXREADY(25),
  TXREL(26),
  TXREJ(27),
  QUELCH(28),
  UNQUELCH(29),
  POKE(30),
  MWI(32),
  UNSUPPORT(33),
  TRANSFER(34),
  CALLTOKEN(40);

  private final int code;

  IaxSubclass(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * @return the subclass with this value, or {@code null} when unknown
   */
  public static IaxSubclass of(int code) {
    for (IaxSubclass s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}
