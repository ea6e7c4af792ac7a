package org.faxgw.gateway.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.faxgw.gateway.accounts.AccountsStore;
import org.faxgw.gateway.accounts.LoginThrottle;
import org.faxgw.gateway.admin.AdminJobs;
import org.faxgw.gateway.events.GatewayEvents;
import org.faxgw.gateway.line.Line;
import org.faxgw.queue.JobStore;

/**
 * What the REST API works with.
 *
 * @param jobs the job service (list, find, submit, remove)
 * @param store the job store, for cancel and retry (state changes with the expected state)
 * @param dataDir the data folder (recvq/, recvinfo/, log/, xferfaxlog, cache/)
 * @param lines the fax lines (empty when there are none)
 * @param accounts the one accounts store
 * @param sessions the console sessions
 * @param throttle failed logins per address
 * @param events the event bus, for the live stream
 * @param mailService the outbox and the received-fax pipeline; it gives null when mail is not
 *     running (tests)
 * @param secure whether the server speaks TLS (the cookie gets {@code Secure})
 */
public record ApiDeps(
    AdminJobs jobs,
    JobStore store,
    Path dataDir,
    List<Line> lines,
    AccountsStore accounts,
    SessionStore sessions,
    LoginThrottle throttle,
    GatewayEvents events,
    java.util.function.Supplier<MailAccess> mailService,
    Clock clock,
    boolean secure) {
  public ApiDeps {
    lines = List.copyOf(lines);
  }

  /** The mail service, or null when it is not running. */
  MailAccess mail() {
    return mailService.get();
  }

  Path spoolRoot() {
    return dataDir.resolve("spool");
  }

  /**
   * The local path of a spool file, read through the shared files (a job spooled or rendered on
   * another node is fetched here first); see {@link org.faxgw.queue.DocumentSpool#local}.
   */
  Path spoolFile(String relative) throws java.io.IOException {
    return new org.faxgw.queue.DocumentSpool(spoolRoot(), store.sharedFiles()).local(relative);
  }

  Path recvq() {
    return dataDir.resolve("recvq");
  }
}
