package org.faxgw.gateway.admin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobDocument;

/**
 * A job as JSON, the format of the admin API and of {@code faxstat --json}. Keys, stable: {@code
 * jid, groupId, state} (rendering, pending, sleeping, blocked, ready, active, done, failed), {@code
 * stateCode} (faxstat's S letter), {@code priority, owner, number} (+E.164), {@code dialString,
 * pages, dials, maxDials, tries, maxTries, timeToSend} (RFC 3339 or null), {@code killTime,
 * submitted, status, notify, resolution, subject, messageId, tiff} (absolute path or null), {@code
 * documents} (list of {@code kind, name, contentType, path}), {@code unfaxable} (list of strings),
 * and the calls' results: {@code pagesSent} (pages confirmed so far), {@code signalRate} (bit/s),
 * {@code dataFormat} (MH, MR, MMR or empty), {@code ecm}, {@code remoteCsi}, {@code
 * durationMillis}, {@code commId}, {@code reason} (of the last call), {@code captureRequested} (the
 * job asked for call capture) and, when the last call was captured, {@code capture} (its files,
 * relative to dataDir), {@code node} (the gateway node whose call holds the job's lease while it is
 * active, else empty). New keys may be added; none is removed or renamed.
 */
public final class JobJson {
  private JobJson() {}

  public static Map<String, Object> of(FaxJob j, Path spoolRoot) {
    return of(j, spoolRoot, "");
  }

  /** The job with {@code node}: the gateway node calling it now, empty when none is. */
  public static Map<String, Object> of(FaxJob j, Path spoolRoot, String node) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jid", j.id());
    m.put("groupId", j.groupId());
    m.put("state", j.state().label());
    m.put("stateCode", String.valueOf(j.state().code()));
    m.put("priority", j.priority());
    m.put("owner", j.owner());
    m.put("number", j.number());
    m.put("dialString", j.dialString());
    m.put("pages", j.pages());
    m.put("dials", j.dials());
    m.put("maxDials", j.maxDials());
    m.put("tries", j.tries());
    m.put("maxTries", j.maxTries());
    m.put("timeToSend", j.timeToSend() == null ? null : j.timeToSend().toString());
    m.put("killTime", j.killTime() == null ? null : j.killTime().toString());
    m.put("submitted", j.submitted() == null ? null : j.submitted().toString());
    m.put("status", j.status());
    m.put("notify", j.notifyWhen());
    m.put("resolution", j.resolution());
    m.put("subject", j.subject());
    m.put("messageId", j.messageId());
    m.put("tiff", j.tiff() == null ? null : spoolRoot.resolve(j.tiff()).toString());
    List<Map<String, Object>> docs = new ArrayList<>();
    for (JobDocument d : j.documents()) {
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("kind", d.kind());
      dm.put("name", d.name());
      dm.put("contentType", d.contentType());
      dm.put("path", spoolRoot.resolve(d.path()).toString());
      docs.add(dm);
    }
    m.put("documents", docs);
    m.put("unfaxable", j.unfaxable());
    org.faxgw.queue.JobProgress p = j.progress();
    m.put("pagesSent", p.pagesConfirmed());
    m.put("signalRate", p.signalRate());
    m.put("dataFormat", p.dataFormat());
    m.put("ecm", p.ecm());
    m.put("remoteCsi", p.remoteCsi());
    m.put("durationMillis", p.durationMillis());
    m.put("commId", p.commId());
    m.put("reason", p.reason());
    m.put("node", node);
    // call capture: asked for this job, and the files of its last call (relative to dataDir)
    m.put(
        "captureRequested",
        j.spoolDir() != null
            && org.faxgw.gateway.line.CallCapture.jobAsked(spoolRoot.resolve(j.spoolDir())));
    List<String> capture =
        org.faxgw.gateway.line.CallCapture.filesOf(spoolRoot.resolveSibling("log"), p.commId());
    if (!capture.isEmpty()) {
      m.put("capture", capture);
    }
    return m;
  }
}
