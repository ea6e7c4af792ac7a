package org.faxgw.gateway.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.faxgw.gateway.inbound.ReceivedRoute;
import org.faxgw.mail.MailEgress;

/**
 * A received fax as JSON: what the receive queue knows ({@link ReceivedQueue}), the route it took
 * and where its mails are ({@link ReceivedRoute}, written by the pipeline beside the info file),
 * each mail's state from the outbox: {@code waiting} (with attempts, next try and last error) while
 * it is there, {@code left} once it has left the outbox (delivered, or refused and reported to
 * FaxMaster, as the outbox's log says).
 */
final class ReceivedRecords {
  private final ApiDeps deps;

  ReceivedRecords(ApiDeps deps) {
    this.deps = deps;
  }

  Optional<ReceivedQueue.Received> find(String commId) throws IOException {
    return deps.cluster().received(commId);
  }

  Map<String, Object> summary(ReceivedQueue.Received r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.commId());
    m.put("commId", r.commId());
    m.put("received", r.received().toString());
    m.put("pages", r.pages());
    m.put("sender", r.sender());
    m.put("callerNumber", r.callerNumber());
    m.put("did", r.did());
    m.put("size", r.size());
    m.put("error", r.error());
    m.put("node", r.node());
    return m;
  }

  Map<String, Object> detail(ReceivedQueue.Received r) throws IOException {
    Map<String, Object> m = summary(r);
    Optional<ReceivedRoute> route = ReceivedRoute.read(deps.recvq(), r.commId());
    Map<String, Object> rm = new LinkedHashMap<>();
    rm.put("rule", route.map(ReceivedRoute::rule).orElse(null));
    rm.put("action", route.map(ReceivedRoute::action).orElse(null));
    rm.put("to", route.map(ReceivedRoute::to).orElse(List.of()));
    m.put("route", route.isPresent() ? rm : null);
    List<Map<String, Object>> mails = new ArrayList<>();
    List<MailEgress.Waiting> pending = deps.mail() == null ? List.of() : deps.mail().pending();
    for (String id : route.map(ReceivedRoute::outboxIds).orElse(List.of())) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("id", id);
      Optional<MailEgress.Waiting> w = pending.stream().filter(p -> p.id().equals(id)).findFirst();
      mm.put("state", w.isPresent() ? "waiting" : "left");
      mm.put("recipients", w.map(MailEgress.Waiting::recipients).orElse(null));
      mm.put("attempts", w.map(MailEgress.Waiting::attempts).orElse(null));
      mm.put("nextTry", w.map(x -> x.next() == null ? null : x.next().toString()).orElse(null));
      mm.put("lastError", w.map(MailEgress.Waiting::lastError).orElse(null));
      mails.add(mm);
    }
    m.put("mails", mails);
    m.put("thumbnails", Math.max(0, r.pages()));
    m.put(
        "capture",
        java.nio.file.Files.isRegularFile(
            deps.dataDir().resolve("log").resolve("c" + r.commId() + ".rx.slin")));
    m.put(
        "ladder",
        T30Ladder.parse(deps.cluster().sessionLog(r.commId(), T30Ladder.MAX_BYTES).orElse("")));
    return m;
  }
}
