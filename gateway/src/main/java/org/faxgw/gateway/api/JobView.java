package org.faxgw.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobProgress;

/**
 * A job as the REST API and the console show it: {@code id, groupId, state, stateCode, status,
 * number, owner, pages, pagesSent, dials, maxDials, tries, maxTries, nextTry, killTime, progress}
 * (0..1, pages confirmed over pages), {@code created, subject, resolution, signalRate, ecm,
 * dataFormat, remoteCsi, commId, reason}. No spool paths: those stay on the server.
 */
public final class JobView {
  private JobView() {}

  public static Map<String, Object> of(FaxJob j) {
    Map<String, Object> m = new LinkedHashMap<>();
    JobProgress p = j.progress();
    m.put("id", j.id());
    m.put("groupId", j.groupId());
    m.put("state", j.state().label());
    m.put("stateCode", String.valueOf(j.state().code()));
    m.put("status", j.status());
    m.put("number", j.number());
    m.put("owner", j.owner());
    m.put("pages", j.pages());
    m.put("pagesSent", p.pagesConfirmed());
    m.put("dials", j.dials());
    m.put("maxDials", j.maxDials());
    m.put("tries", j.tries());
    m.put("maxTries", j.maxTries());
    m.put("nextTry", j.timeToSend() == null ? null : j.timeToSend().toString());
    m.put("killTime", j.killTime() == null ? null : j.killTime().toString());
    m.put(
        "progress", j.pages() <= 0 ? 0.0 : Math.min(1.0, p.pagesConfirmed() / (double) j.pages()));
    m.put("created", j.submitted() == null ? null : j.submitted().toString());
    m.put("subject", j.subject());
    m.put("resolution", j.resolution());
    m.put("signalRate", p.signalRate());
    m.put("ecm", p.ecm());
    m.put("dataFormat", p.dataFormat());
    m.put("remoteCsi", p.remoteCsi());
    m.put("commId", p.commId());
    m.put("reason", p.reason());
    return m;
  }
}
