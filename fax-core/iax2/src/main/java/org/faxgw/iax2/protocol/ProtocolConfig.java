package org.faxgw.iax2.protocol;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.faxgw.iax2.MediaFormat;

/**
 * Everything an {@link Iax2Protocol} needs to know, fixed for its life.
 *
 * @param peers who we call and (optionally) register to
 * @param users who may call us or register to us, matched by the USERNAME IE
 * @param anonymous the policy for a NEW without USERNAME (or with an unknown one); {@code null}
 *     refuses them
 * @param maxCalls the call table's bound: calls, registration transactions and lingering entries
 *     together (ARCHITECTURE.md rule 7); a NEW over it gets a stateless REJECT
 * @param callTokenSecret key of the stateless CALLTOKEN HMAC (at least 16 octets)
 * @param lingerMillis how long an ended call's state stays to re-ACK retransmissions (Asterisk's
 *     IAX_LINGER_TIMEOUT, 10 s); its call number is reused only after that
 * @param retransmit the retransmission timer
 * @param playoutDelayMillis the playout buffer's fixed delay (default 60)
 * @param pingIntervalMillis PING period during a call (libiax2: first at 2 s then every 10 s)
 * @param callingNumber CALLING_NUMBER of our NEWs (may be empty)
 * @param callingName CALLING_NAME of our NEWs (may be empty)
 */
public record ProtocolConfig(
    List<Peer> peers,
    List<User> users,
    User anonymous,
    int maxCalls,
    byte[] callTokenSecret,
    long lingerMillis,
    Retransmit retransmit,
    int playoutDelayMillis,
    long pingIntervalMillis,
    String callingNumber,
    String callingName) {

  /** Asterisk's IAX_LINGER_TIMEOUT (chan_iax2.c): 10 s. */
  public static final long DEFAULT_LINGER_MILLIS = 10_000;

  /** libiax2 pings every 10 s during a call, the first 2 s in (Asterisk every 21 s). */
  public static final long DEFAULT_PING_MILLIS = 10_000;

  public ProtocolConfig {
    peers = List.copyOf(peers);
    users = List.copyOf(users);
    if (maxCalls < 1 || maxCalls > 0x7FFE) {
      throw new IllegalArgumentException("maxCalls must be 1..32766: " + maxCalls);
    }
    if (callTokenSecret == null || callTokenSecret.length < 16) {
      throw new IllegalArgumentException("callTokenSecret needs at least 16 octets");
    }
    callTokenSecret = callTokenSecret.clone();
    if (playoutDelayMillis < 20 || playoutDelayMillis > 1000) {
      throw new IllegalArgumentException("playoutDelayMillis must be 20..1000");
    }
    callingNumber = callingNumber == null ? "" : callingNumber;
    callingName = callingName == null ? "" : callingName;
  }

  /** A config with these peers and users and the defaults for the rest. */
  public static ProtocolConfig of(List<Peer> peers, List<User> users, byte[] callTokenSecret) {
    return new ProtocolConfig(
        peers,
        users,
        null,
        256,
        callTokenSecret,
        DEFAULT_LINGER_MILLIS,
        Retransmit.ASTERISK,
        60,
        DEFAULT_PING_MILLIS,
        "",
        "");
  }

  @Override
  public byte[] callTokenSecret() {
    return callTokenSecret.clone();
  }

  public ProtocolConfig withAnonymous(User policy) {
    return new ProtocolConfig(
        peers,
        users,
        policy,
        maxCalls,
        callTokenSecret,
        lingerMillis,
        retransmit,
        playoutDelayMillis,
        pingIntervalMillis,
        callingNumber,
        callingName);
  }

  /** This config with other peers and users (a reload); the rest, the token secret too, kept. */
  public ProtocolConfig withPeers(List<Peer> newPeers, List<User> newUsers) {
    return new ProtocolConfig(
        newPeers,
        newUsers,
        anonymous,
        maxCalls,
        callTokenSecret,
        lingerMillis,
        retransmit,
        playoutDelayMillis,
        pingIntervalMillis,
        callingNumber,
        callingName);
  }

  public ProtocolConfig withMaxCalls(int n) {
    return new ProtocolConfig(
        peers,
        users,
        anonymous,
        n,
        callTokenSecret,
        lingerMillis,
        retransmit,
        playoutDelayMillis,
        pingIntervalMillis,
        callingNumber,
        callingName);
  }

  public ProtocolConfig withCaller(String number, String name) {
    return new ProtocolConfig(
        peers,
        users,
        anonymous,
        maxCalls,
        callTokenSecret,
        lingerMillis,
        retransmit,
        playoutDelayMillis,
        pingIntervalMillis,
        number,
        name);
  }

  public ProtocolConfig withRetransmit(Retransmit r) {
    return new ProtocolConfig(
        peers,
        users,
        anonymous,
        maxCalls,
        callTokenSecret,
        lingerMillis,
        r,
        playoutDelayMillis,
        pingIntervalMillis,
        callingNumber,
        callingName);
  }

  /**
   * A far end we call, and optionally register to.
   *
   * @param name the name {@link Iax2Protocol#dial} takes
   * @param address where its IAX2 socket is
   * @param username USERNAME we send (may be empty: none sent)
   * @param secret our secret for its AUTHREQ/REGAUTH (may be empty)
   * @param auth the methods we answer with; MD5 always preferred, PLAINTEXT only when listed
   * @param codecs our codecs in order of preference (the first is FORMAT, all are CAPABILITY)
   * @param register whether we register to it
   * @param refreshSeconds REFRESH we ask for (iaxmodem default 300)
   * @param sendCallToken put an empty CALLTOKEN IE in our NEW/REGREQ, asking for the token a
   *     default Asterisk (1.6 and later, requirecalltoken) wants before it takes a call or
   *     registration
   */
  public record Peer(
      String name,
      InetSocketAddress address,
      String username,
      String secret,
      Set<AuthMethod> auth,
      List<MediaFormat> codecs,
      boolean register,
      int refreshSeconds,
      boolean sendCallToken) {
    public Peer {
      username = username == null ? "" : username;
      secret = secret == null ? "" : secret;
      auth = Set.copyOf(auth);
      codecs = List.copyOf(codecs);
      if (codecs.isEmpty()) {
        throw new IllegalArgumentException("peer " + name + " has no codec");
      }
    }

    /** MD5, A-law then µ-law then slinear, no registration, CALLTOKEN sent. */
    public static Peer of(String name, InetSocketAddress address, String username, String secret) {
      return new Peer(
          name,
          address,
          username,
          secret,
          Set.of(AuthMethod.MD5),
          List.of(MediaFormat.ALAW, MediaFormat.ULAW, MediaFormat.SLINEAR),
          false,
          300,
          true);
    }
  }

  /**
   * Someone who calls us or registers to us.
   *
   * @param name USERNAME it sends
   * @param secret the shared secret; empty means no authentication
   * @param auth methods we offer in AUTHREQ/REGAUTH (MD5; PLAINTEXT only where configured)
   * @param codecs codecs we accept, in our order of preference
   * @param requireCallToken a NEW or REGREQ must carry a valid CALLTOKEN (false for iaxmodem, whose
   *     libiax2 cannot answer one)
   * @param maxRefreshSeconds the longest REFRESH we grant as registrar
   */
  public record User(
      String name,
      String secret,
      Set<AuthMethod> auth,
      List<MediaFormat> codecs,
      boolean requireCallToken,
      int maxRefreshSeconds) {
    public User {
      name = name == null ? "" : name;
      secret = secret == null ? "" : secret;
      auth = Set.copyOf(auth);
      codecs = List.copyOf(codecs);
      if (codecs.isEmpty()) {
        throw new IllegalArgumentException("user " + name + " has no codec");
      }
    }

    /** MD5 with this secret, every codec, CALLTOKEN required, refresh up to 3600 s. */
    public static User of(String name, String secret, boolean requireCallToken) {
      return new User(
          name,
          secret,
          Set.of(AuthMethod.MD5),
          List.of(MediaFormat.ALAW, MediaFormat.ULAW, MediaFormat.SLINEAR),
          requireCallToken,
          3600);
    }
  }

  /**
   * The retransmission timer of unacknowledged full frames (RFC 5456 section 7: full frames are
   * retransmitted until acknowledged).
   *
   * @param defaultMillis first retry when no round trip is known yet
   * @param minMillis lower clamp of 2×RTT
   * @param maxMillis upper clamp, also of the backed-off value
   * @param backoff factor per retry
   * @param maxRetries retries before the call is given up
   */
  public record Retransmit(
      long defaultMillis, long minMillis, long maxMillis, int backoff, int maxRetries) {
    /**
     * Asterisk's practice (chan_iax2.c: DEFAULT_RETRY_TIME 1000 ms, first retry 2×RTT clamped to
     * MIN_RETRY_TIME 100 ms..MAX_RETRY_TIME 10 s, ×10 per retry, max_retries 4, then the call is
     * torn down).
     */
    public static final Retransmit ASTERISK = new Retransmit(1000, 100, 10_000, 10, 4);

    public Retransmit {
      if (defaultMillis < 1 || minMillis < 1 || maxMillis < minMillis || backoff < 1) {
        throw new IllegalArgumentException("bad retransmit timer");
      }
      if (maxRetries < 0 || maxRetries > 20) {
        throw new IllegalArgumentException("maxRetries must be 0..20");
      }
    }

    /** The first retry interval for a call whose RTT is {@code rtt} ms (0 = not known). */
    public long first(long rtt) {
      return rtt <= 0 ? defaultMillis : Math.max(minMillis, Math.min(maxMillis, 2 * rtt));
    }

    /** The interval after {@code interval}. */
    public long next(long interval) {
      return Math.min(maxMillis, interval * backoff);
    }
  }
}
