package org.faxgw.gateway.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.iax2.transport.Iax2EndpointConfig;
import org.faxgw.smtp.IpNetwork;

/**
 * The {@code iax2:} section: the fax line's IAX2 endpoint (RFC 5456).
 *
 * @param listen UDP address of the endpoint (default {@code 127.0.0.1:4569})
 * @param maxCalls most calls at once (default 200)
 * @param playoutDelay delay of the playout buffer (default 60ms)
 * @param ringTimeout an incoming call not answered by then is rejected (default 30s)
 * @param peers the far ends we dial (a PBX trunk, iaxmodem): default none
 * @param users the far ends that register to us or call us: default none
 */
public record Iax2Section(
    HostPort listen,
    Integer maxCalls,
    Duration playoutDelay,
    Duration ringTimeout,
    List<Peer> peers,
    List<User> users) {

  public Iax2Section {
    listen = listen == null ? new HostPort("127.0.0.1", Iax2EndpointConfig.IAX2_PORT) : listen;
    maxCalls = maxCalls == null ? 200 : maxCalls;
    playoutDelay = playoutDelay == null ? Duration.ofMillis(60) : playoutDelay;
    ringTimeout = ringTimeout == null ? Duration.ofSeconds(30) : ringTimeout;
    peers = peers == null ? List.of() : List.copyOf(peers);
    users = users == null ? List.of() : List.copyOf(users);
    if (maxCalls < 1 || maxCalls > 10_000) {
      throw new IllegalArgumentException("iax2.maxCalls must be within 1..10000");
    }
    if (playoutDelay.isNegative() || playoutDelay.toMillis() > 1000) {
      throw new IllegalArgumentException("iax2.playoutDelay must be within 0ms..1000ms");
    }
    if (ringTimeout.toMillis() < 1000 || ringTimeout.toSeconds() > 600) {
      throw new IllegalArgumentException("iax2.ringTimeout must be within 1s..600s");
    }
    Set<String> names = new HashSet<>();
    for (Peer p : peers) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("iax2.peers: two peers named " + p.name());
      }
    }
    names.clear();
    for (User u : users) {
      if (!names.add(u.name())) {
        throw new IllegalArgumentException("iax2.users: two users named " + u.name());
      }
    }
  }

  public static Iax2Section defaults() {
    return new Iax2Section(null, null, null, null, null, null);
  }

  /** The endpoint's configuration: {@code new NettyIax2Endpoint(section.toEndpointConfig())}. */
  public Iax2EndpointConfig toEndpointConfig() {
    return new Iax2EndpointConfig(
        new InetSocketAddress(listen.host(), listen.port()),
        peers.stream().map(Peer::toEndpointPeer).toList(),
        users.stream().map(User::toEndpointUser).toList(),
        maxCalls,
        playoutDelay,
        ringTimeout);
  }

  /**
   * One entry of {@code iax2.peers}: a far end we dial.
   *
   * @param name how jobs and {@code faxgw iax2 probe} name it (required)
   * @param host its host name or address (required)
   * @param port its UDP port (default 4569)
   * @param username USERNAME we send in NEW and REGREQ (default none)
   * @param secret our secret for its AUTHREQ/REGAUTH, e.g. {@code ${FAXGW_IAX_SECRET}}
   * @param auth {@code md5} (default) or {@code plain}
   * @param codecs the codecs we offer, preferred first: alaw, ulaw, slinear (default all three)
   * @param register whether we register to it (default false; needs username and secret)
   * @param refresh the registration period we ask for (default 60s, within 10s..3600s)
   * @param requireCallToken its calls to us must carry a CALLTOKEN (default false)
   */
  public record Peer(
      String name,
      String host,
      Integer port,
      String username,
      String secret,
      String auth,
      List<String> codecs,
      Boolean register,
      Duration refresh,
      Boolean requireCallToken) {
    public Peer {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("iax2.peers: name is missing");
      }
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("iax2.peers: host of " + name + " is missing");
      }
      port = port == null ? Iax2EndpointConfig.IAX2_PORT : port;
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("iax2.peers: port of " + name + " is outside 1..65535");
      }
      username = username == null ? "" : username;
      secret = secret == null ? "" : secret;
      auth = auth == null ? "md5" : auth;
      authOf(auth, "iax2.peers: " + name);
      codecs = codecs == null ? List.of("alaw", "ulaw", "slinear") : List.copyOf(codecs);
      formatsOf(codecs, "iax2.peers: " + name);
      register = register != null && register;
      refresh = refresh == null ? Duration.ofSeconds(60) : refresh;
      if (refresh.toSeconds() < 10 || refresh.toSeconds() > 3600) {
        throw new IllegalArgumentException(
            "iax2.peers: refresh of " + name + " must be within 10s..3600s");
      }
      requireCallToken = requireCallToken != null && requireCallToken;
      if (register && (username.isEmpty() || secret.isEmpty())) {
        throw new IllegalArgumentException(
            "iax2.peers: " + name + " has register: true but no username and secret");
      }
    }

    Iax2EndpointConfig.Peer toEndpointPeer() {
      return new Iax2EndpointConfig.Peer(
          name,
          InetSocketAddress.createUnresolved(host, port),
          username,
          secret,
          authOf(auth, name),
          formatsOf(codecs, name),
          register,
          refresh,
          requireCallToken);
    }
  }

  /**
   * One entry of {@code iax2.users}: a far end that registers to us or calls us, known by the
   * USERNAME it sends.
   *
   * @param name the USERNAME (required)
   * @param secret what it must prove (required), e.g. {@code ${FAXGW_IAXMODEM_SECRET}}
   * @param auth {@code md5} (default) or {@code plain}
   * @param codecs the codecs we accept from it, preferred first (default alaw, ulaw, slinear)
   * @param requireCallToken its NEWs must carry a CALLTOKEN (default false: iaxmodem cannot)
   * @param permittedNetworks source addresses it may use (default anywhere); CIDR
   */
  public record User(
      String name,
      String secret,
      String auth,
      List<String> codecs,
      Boolean requireCallToken,
      List<IpNetwork> permittedNetworks) {
    public User {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("iax2.users: name is missing");
      }
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("iax2.users: secret of " + name + " is missing");
      }
      auth = auth == null ? "md5" : auth;
      authOf(auth, "iax2.users: " + name);
      codecs = codecs == null ? List.of("alaw", "ulaw", "slinear") : List.copyOf(codecs);
      formatsOf(codecs, "iax2.users: " + name);
      requireCallToken = requireCallToken != null && requireCallToken;
      permittedNetworks = permittedNetworks == null ? List.of() : List.copyOf(permittedNetworks);
    }

    Iax2EndpointConfig.User toEndpointUser() {
      List<IpNetwork> nets = permittedNetworks;
      return new Iax2EndpointConfig.User(
          name,
          secret,
          authOf(auth, name),
          formatsOf(codecs, name),
          requireCallToken,
          nets.isEmpty() ? null : a -> nets.stream().anyMatch(n -> n.contains(a)));
    }
  }

  private static Iax2EndpointConfig.Auth authOf(String auth, String where) {
    return switch (auth.toLowerCase(Locale.ROOT)) {
      case "md5" -> Iax2EndpointConfig.Auth.MD5;
      case "plain" -> Iax2EndpointConfig.Auth.PLAIN;
      default ->
          throw new IllegalArgumentException(
              where + ": auth must be md5 or plain (RSA is not supported), got \"" + auth + "\"");
    };
  }

  private static List<MediaFormat> formatsOf(List<String> codecs, String where) {
    if (codecs.isEmpty()) {
      throw new IllegalArgumentException(where + ": codecs must name at least one codec");
    }
    List<MediaFormat> out = new ArrayList<>();
    for (String c : codecs) {
      MediaFormat f = codecOf(c);
      if (f == null) {
        throw new IllegalArgumentException(
            where + ": unknown codec \"" + c + "\" (alaw, ulaw or slinear)");
      }
      if (out.contains(f)) {
        throw new IllegalArgumentException(where + ": codec " + c + " named twice");
      }
      out.add(f);
    }
    return out;
  }

  /** alaw, ulaw (or mulaw), slinear; null for anything else. */
  public static MediaFormat codecOf(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "alaw" -> MediaFormat.ALAW;
      case "ulaw", "mulaw" -> MediaFormat.ULAW;
      case "slinear" -> MediaFormat.SLINEAR;
      default -> null;
    };
  }
}
