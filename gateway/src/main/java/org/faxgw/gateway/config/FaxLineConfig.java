package org.faxgw.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code fax:} section: the fax lines (simultaneous calls per IAX2 peer), our station ids, the
 * tagline and the T.30 capabilities offered. The lines are used only when {@code iax2} is
 * configured; without it jobs wait as "Waiting for a fax line".
 *
 * @param localId our TSI when sending and CSI when receiving, at most 20 characters of T.30
 *     5.3.6.2.4 (default empty)
 * @param senderIds TSI per job owner (mail sender), overriding the line's and {@code localId}
 *     (default none)
 * @param tagline the line imaged at the top of every page sent, fields separated by {@code |}
 *     (HylaFAX TagLineFormat): {@code %c} date, {@code %l} our TSI, {@code %n} destination, {@code
 *     %P} page, {@code %T} pages, {@code %j} job id, {@code %%} a percent sign; empty for none
 *     (default {@code %c|From %l|To %n|Page %P of %T})
 * @param ecm offer error correction mode, T.30 Annex A (default true)
 * @param maxRate the highest signalling rate offered, bit/s: 14400, 12000, 9600, 7200, 4800 or 2400
 *     (default 14400)
 * @param leaseTtl how long a call's claim on its job lasts unless renewed; a job whose gateway died
 *     is retried after this (default {@code 60s})
 * @param maxCallTime a call still going after this is ended locally (default {@code 30m})
 * @param node this gateway's name as lease owner; empty for the host name (default empty)
 * @param lines the fax lines; each entry {@code {peer: NAME, calls: N, direction:
 *     both|send|receive, localId: ID}} (default none)
 */
public record FaxLineConfig(
    String localId,
    Map<String, String> senderIds,
    String tagline,
    Boolean ecm,
    Integer maxRate,
    Duration leaseTtl,
    Duration maxCallTime,
    String node,
    List<LineSpec> lines) {

  /** HylaFAX's default tagline fields: date, sender identity, number, page n of m. */
  public static final String DEFAULT_TAGLINE = "%c|From %l|To %n|Page %P of %T";

  public FaxLineConfig {
    localId = localId == null ? "" : localId;
    senderIds = senderIds == null ? Map.of() : Map.copyOf(senderIds);
    tagline = tagline == null ? DEFAULT_TAGLINE : tagline;
    ecm = ecm == null ? Boolean.TRUE : ecm;
    maxRate = maxRate == null ? 14400 : maxRate;
    leaseTtl = leaseTtl == null ? Duration.ofSeconds(60) : leaseTtl;
    maxCallTime = maxCallTime == null ? Duration.ofMinutes(30) : maxCallTime;
    node = node == null ? "" : node;
    lines = lines == null ? List.of() : List.copyOf(lines);
    checkId("fax.localId", localId);
    senderIds.forEach((k, v) -> checkId("fax.senderIds." + k, v));
    if (!List.of(14400, 12000, 9600, 7200, 4800, 2400).contains(maxRate)) {
      throw new IllegalArgumentException(
          "fax.maxRate must be 14400, 12000, 9600, 7200, 4800 or 2400");
    }
    if (leaseTtl.compareTo(Duration.ofSeconds(5)) < 0) {
      throw new IllegalArgumentException("fax.leaseTtl must be at least 5s");
    }
    if (maxCallTime.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("fax.maxCallTime must be at least 1m");
    }
  }

  static void checkId(String key, String id) {
    if (id.length() > 20) {
      throw new IllegalArgumentException(key + ": a T.30 station id is at most 20 characters");
    }
    if (!id.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(key + ": a T.30 station id is printable ASCII");
    }
  }

  /** This node's name as a lease owner (jobs, outbox mails): {@code node}, else the host name. */
  public String leaseOwner() {
    if (!node.isEmpty()) {
      return node;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "faxgw";
    }
  }

  public static FaxLineConfig defaults() {
    return new FaxLineConfig(null, null, null, null, null, null, null, null, null);
  }

  /**
   * One group of fax lines on one IAX2 peer.
   *
   * @param peer the IAX2 peer (or user) name calls go to and come from
   * @param calls how many calls at once (default 1)
   * @param direction both, send or receive (default both)
   * @param localId TSI/CSI on these lines; empty for {@code fax.localId}
   */
  public record LineSpec(String peer, Integer calls, String direction, String localId) {
    public LineSpec {
      if (peer == null || peer.isBlank()) {
        throw new IllegalArgumentException("fax.lines: every line needs a peer");
      }
      calls = calls == null ? 1 : calls;
      direction = direction == null ? "both" : direction.toLowerCase(Locale.ROOT);
      localId = localId == null ? "" : localId;
      if (calls < 1 || calls > 1000) {
        throw new IllegalArgumentException("fax.lines: calls must be 1..1000");
      }
      if (!List.of("both", "send", "receive").contains(direction)) {
        throw new IllegalArgumentException("fax.lines: direction must be both, send or receive");
      }
      checkId("fax.lines.localId", localId);
    }

    public boolean sends() {
      return !direction.equals("receive");
    }

    public boolean receives() {
      return !direction.equals("send");
    }
  }
}
