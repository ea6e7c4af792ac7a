package org.faxgw.gateway.inbound;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import org.faxgw.gateway.config.ConfiguredCommand;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.mail.MailEgress;
import org.faxgw.mail.OutboxLockedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code faxgw outbox [--flush]}: lists the mails waiting in {@code <dataDir>/outbox/}, or in the
 * PostgreSQL outbox shared by the nodes (like sendmail's mailq) and, with {@code --flush}, tries
 * every one of them now, due or not. On a folder a flush refuses (exit 1) while a running gateway
 * holds the outbox's delivery lock; on PostgreSQL it leaves the mails that a node is delivering
 * under an unexpired lease to that node.
 */
@Command(
    name = "outbox",
    mixinStandardHelpOptions = true,
    description = "List the mails waiting to be delivered; --flush tries them all now.")
public final class OutboxCommand extends ConfiguredCommand {
  @Option(names = "--flush", description = "try every waiting mail now")
  boolean flush;

  @Override
  protected int run(FaxgwConfig cfg) throws Exception {
    PrintWriter out = out();
    PrintWriter err = err();
    Clock clock = Clock.systemUTC();
    try (MailEgressService svc = MailEgressService.start(cfg, clock, System.getenv(), false)) {
      if (flush) {
        int tried;
        try {
          tried = svc.mail().flushAll();
        } catch (OutboxLockedException busy) {
          err.println(
              "outbox: the gateway is running and delivers the outbox itself; it retries every"
                  + " waiting mail on its own schedule (stop it to flush by hand): "
                  + busy.getMessage());
          err.flush();
          return 1;
        }
        out.println("tried " + tried + " mail(s) via " + svc.transportDescription());
      }
      List<MailEgress.Waiting> waiting = svc.mail().pending();
      for (MailEgress.Waiting e : waiting) {
        out.println(
            e.id()
                + "  "
                + String.join(",", e.recipients())
                + "  attempts "
                + e.attempts()
                + "  next "
                + e.next()
                + (e.lastError().isEmpty() ? "" : "  (" + e.lastError() + ")"));
      }
      out.println(waiting.size() + " mail(s) waiting in " + svc.mail().outboxLocation());
      out.flush();
      return 0;
    } catch (IOException | IllegalArgumentException | org.faxgw.queue.JobStoreException e) {
      err.println("outbox: " + e.getMessage());
      return 1;
    }
  }
}
