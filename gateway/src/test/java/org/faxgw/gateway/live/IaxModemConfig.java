package org.faxgw.gateway.live;

/**
 * One iaxmodem instance as written to {@code /etc/iaxmodem/<name>} (the only place iaxmodem reads
 * its configuration). Field names follow iaxmodem's keys.
 *
 * @param port the local UDP port iaxmodem binds (on 0.0.0.0: it has no bind-address option)
 * @param server where ATD calls and REGREQs go, "host:port"
 * @param refresh seconds between REGREQs; 0 never registers
 * @param peername sent as USERNAME in NEW and REGREQ (empty: none)
 * @param secret used only to answer AUTHREQ/REGAUTH with MD5
 * @param codec alaw, ulaw or slinear: the FORMAT iaxmodem asks for in its NEW
 * @param cidNumber CALLING NUMBER of its calls
 * @param cidName CALLING NAME of its calls
 */
public record IaxModemConfig(
    int port,
    String server,
    int refresh,
    String peername,
    String secret,
    String codec,
    String cidNumber,
    String cidName) {

  public IaxModemConfig {
    if (!codec.equals("alaw") && !codec.equals("ulaw") && !codec.equals("slinear")) {
      throw new IllegalArgumentException("codec must be alaw, ulaw or slinear: " + codec);
    }
    for (String v : new String[] {server, peername, secret, cidNumber, cidName}) {
      // iaxmodem ignores any line with '%', and ';' starts a comment.
      if (v.contains("%") || v.contains(";") || v.contains("\n")) {
        throw new IllegalArgumentException("iaxmodem cannot take this value: " + v);
      }
    }
  }

  /** A modem on {@code port} that dials {@code server}, does not register, A-law. */
  public static IaxModemConfig dialing(int port, String server) {
    return new IaxModemConfig(port, server, 0, "iaxmodem", "secret", "alaw", "5550100", "IAXmodem");
  }

  public IaxModemConfig withCodec(String c) {
    return new IaxModemConfig(port, server, refresh, peername, secret, c, cidNumber, cidName);
  }

  public IaxModemConfig withRegistration(int refreshSeconds, String name, String pass) {
    return new IaxModemConfig(port, server, refreshSeconds, name, pass, codec, cidNumber, cidName);
  }

  /** The file's text for a modem whose pty appears as {@code device}. */
  String fileText(String device) {
    return String.join(
        "\n",
        "; written by the faxgw live test lab",
        "device " + device,
        "owner uucp:uucp",
        "mode 660",
        "port " + port,
        "refresh " + refresh,
        "server " + server,
        "peername " + peername,
        "secret " + secret,
        "cidname " + cidName,
        "cidnumber " + cidNumber,
        "codec " + codec,
        "");
  }
}
