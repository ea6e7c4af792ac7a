package org.faxgw.iax2.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.faxgw.iax2.MediaFormat;

/**
 * What a {@link NettyIax2Endpoint} needs: where to listen, whom it calls (peers) and who may call
 * or register to it (users). Built by the gateway from the {@code iax2:} config section.
 *
 * @param listen the UDP address of the one channel for all calls (RFC 5456 3: port 4569)
 * @param peers the far ends we dial (and may register to)
 * @param users the far ends that register to us or call us
 * @param maxCalls most calls at once (a NEW beyond it gets REJECT with congestion)
 * @param playoutDelay the playout buffer's delay (default 60 ms)
 * @param ringTimeout how long an incoming call may wait for the handler's answer or reject
 */
public record Iax2EndpointConfig(
    InetSocketAddress listen,
    List<Peer> peers,
    List<User> users,
    int maxCalls,
    Duration playoutDelay,
    Duration ringTimeout) {

  /** RFC 5456 3: the IAX2 UDP port. */
  public static final int IAX2_PORT = 4569;

  public Iax2EndpointConfig {
    if (listen == null) {
      throw new IllegalArgumentException("listen address missing");
    }
    peers = List.copyOf(peers);
    users = List.copyOf(users);
    if (maxCalls < 1) {
      throw new IllegalArgumentException("maxCalls must be at least 1");
    }
    if (playoutDelay.isNegative() || playoutDelay.toMillis() > 1000) {
      throw new IllegalArgumentException("playoutDelay must be within 0..1000 ms");
    }
    if (ringTimeout.isNegative() || ringTimeout.isZero()) {
      throw new IllegalArgumentException("ringTimeout must be positive");
    }
    unique(peers.stream().map(Peer::name).toList(), "peer");
    unique(users.stream().map(User::name).toList(), "user");
  }

  private static void unique(List<String> names, String what) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new IllegalArgumentException("two " + what + "s named " + n);
      }
    }
  }

  /** Listens on {@code listen} with no peers and no users; defaults for the rest. */
  public static Iax2EndpointConfig of(InetSocketAddress listen) {
    return new Iax2EndpointConfig(
        listen, List.of(), List.of(), 200, Duration.ofMillis(60), Duration.ofSeconds(30));
  }

  public Iax2EndpointConfig withPeers(List<Peer> p) {
    return new Iax2EndpointConfig(listen, p, users, maxCalls, playoutDelay, ringTimeout);
  }

  public Iax2EndpointConfig withUsers(List<User> u) {
    return new Iax2EndpointConfig(listen, peers, u, maxCalls, playoutDelay, ringTimeout);
  }

  /** The peer of that name, or null. */
  public Peer peer(String name) {
    return peers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  /** The user of that name, or null. */
  public User user(String name) {
    return users.stream().filter(u -> u.name().equals(name)).findFirst().orElse(null);
  }

  /** How a secret is proven (RFC 5456 8.6.13 AUTHMETHODS). RSA is not offered. */
  public enum Auth {
    /** MD5 of challenge + secret, hex (RFC 5456 8.6.16). */
    MD5,
    /** The secret in clear in the PASSWORD IE (8.6.12): only where a peer insists. */
    PLAIN
  }

  /**
   * A far end we dial.
   *
   * @param name how the gateway names it in {@code dial(peer, …)}
   * @param address its host and UDP port
   * @param username sent as USERNAME in NEW/REGREQ (may be empty)
   * @param secret answers its AUTHREQ/REGAUTH (may be empty)
   * @param auth how we prove the secret
   * @param codecs the formats we offer, preferred first
   * @param register whether we register to it (REGREQ, re-registered before expiry)
   * @param refresh the REFRESH we ask for when registering
   * @param requireCallToken its NEWs to us must carry a valid CALLTOKEN
   */
  public record Peer(
      String name,
      InetSocketAddress address,
      String username,
      String secret,
      Auth auth,
      List<MediaFormat> codecs,
      boolean register,
      Duration refresh,
      boolean requireCallToken) {
    public Peer {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("peer name missing");
      }
      if (address == null) {
        throw new IllegalArgumentException("peer " + name + ": address missing");
      }
      username = username == null ? "" : username;
      secret = secret == null ? "" : secret;
      auth = auth == null ? Auth.MD5 : auth;
      codecs = List.copyOf(codecs);
      if (codecs.isEmpty()) {
        throw new IllegalArgumentException("peer " + name + ": no codecs");
      }
      if (register && (username.isEmpty() || secret.isEmpty())) {
        throw new IllegalArgumentException("peer " + name + ": register needs username and secret");
      }
    }

    /** A peer with MD5, all three codecs (A-law first), no registration, no CALLTOKEN demand. */
    public static Peer of(String name, InetSocketAddress address) {
      return new Peer(
          name,
          address,
          "",
          "",
          Auth.MD5,
          List.of(MediaFormat.ALAW, MediaFormat.ULAW, MediaFormat.SLINEAR),
          false,
          Duration.ofSeconds(60),
          false);
    }

    public Peer withCodecs(List<MediaFormat> c) {
      return new Peer(
          name, address, username, secret, auth, c, register, refresh, requireCallToken);
    }

    public Peer withLogin(String user, String pass) {
      return new Peer(name, address, user, pass, auth, codecs, register, refresh, requireCallToken);
    }
  }

  /**
   * A far end that registers to us or calls us, known by the USERNAME it sends.
   *
   * @param name its USERNAME
   * @param secret what it must prove
   * @param auth how it must prove it (MD5, or PLAIN where configured)
   * @param codecs the formats we accept from it, preferred first
   * @param requireCallToken its NEWs must carry a valid CALLTOKEN (iaxmodem cannot: false)
   * @param permitted whether a source address may use this user (the configured networks)
   */
  public record User(
      String name,
      String secret,
      Auth auth,
      List<MediaFormat> codecs,
      boolean requireCallToken,
      Predicate<java.net.InetAddress> permitted) {
    public User {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("user name missing");
      }
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("user " + name + ": secret missing");
      }
      auth = auth == null ? Auth.MD5 : auth;
      codecs = List.copyOf(codecs);
      if (codecs.isEmpty()) {
        throw new IllegalArgumentException("user " + name + ": no codecs");
      }
      permitted = permitted == null ? a -> true : permitted;
    }

    /** A user with MD5, all three codecs, no CALLTOKEN demand, any address. */
    public static User of(String name, String secret) {
      return new User(
          name,
          secret,
          Auth.MD5,
          List.of(MediaFormat.ALAW, MediaFormat.ULAW, MediaFormat.SLINEAR),
          false,
          null);
    }
  }
}
