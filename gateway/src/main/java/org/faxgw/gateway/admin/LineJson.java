package org.faxgw.gateway.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.faxgw.gateway.line.Line;
import org.faxgw.queue.ClusterDirectory;

/**
 * The JSON of the fax lines, as {@code /v1/lines}, {@code /v1/status} and {@code /api/v1/lines}
 * give it: per line {@code name}, {@code peer}, {@code localId}, {@code direction} (send, receive
 * or both), {@code state} (its text, as faxstat shows it), {@code jobId} (the job its call sends, 0
 * for none), {@code commId} (its call's, empty for none), {@code node} (the gateway node it belongs
 * to) and {@code nodeStale} (true when that node's heartbeat is older than 30 s: what it shows may
 * be out of date).
 */
public final class LineJson {
  private LineJson() {}

  /** send, receive or both. */
  public static String direction(Line l) {
    return l.sends() && l.receives() ? "both" : l.sends() ? "send" : "receive";
  }

  /** One line of node {@code node}. */
  public static Map<String, Object> of(ClusterDirectory.LineRow l, String node, boolean stale) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", l.name());
    m.put("peer", l.peer());
    m.put("localId", l.localId());
    m.put("direction", l.direction());
    m.put("state", l.state());
    m.put("jobId", l.jobId());
    m.put("commId", l.commId());
    m.put("node", node);
    m.put("nodeStale", stale);
    return m;
  }
}
