package org.faxgw.gateway;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.faxgw.gateway.config.ConfiguredCommand;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.inbound.JobNotifier;
import org.faxgw.gateway.inbound.MailEgressService;
import org.faxgw.gateway.line.FaxLineService;
import org.faxgw.gateway.serve.Gateway;
import org.faxgw.iax2.transport.NettyIax2Endpoint;
import org.faxgw.queue.JobListener;
import org.faxgw.t30.FaxTerminals;
import picocli.CommandLine.Command;

/** {@code faxgw serve}: runs the gateway until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the gateway (SMTP in, queue, render, admin API, mail out) until stopped (SIGTERM).")
public final class ServeCommand extends ConfiguredCommand {

  /** The fax line runs when iax2 names a peer or user to talk to and fax.lines has a line. */
  static boolean lineConfigured(FaxgwConfig c) {
    return (!c.iax2().peers().isEmpty() || !c.iax2().users().isEmpty())
        && !c.fax().lines().isEmpty();
  }

  @Override
  protected int run(FaxgwConfig c) throws Exception {
    Clock clock = Clock.systemUTC();
    // Sender notifications (job done/failed, render failures, unfaxable parts) go out by mail.
    MailEgressService mail = MailEgressService.forServe(c, clock);
    FaxLineService.Engines engines = null;
    if (lineConfigured(c)) {
      // The fax line: the IAX2 endpoint and the T.30 engine; the dispatcher and answerer run.
      NettyIax2Endpoint endpoint = NettyIax2Endpoint.start(c.iax2().toEndpointConfig());
      engines =
          new FaxLineService.Engines(
              endpoint, FaxTerminals.standard(), mail.pipeline(), c.routing().routing());
    }
    Gateway g = new Gateway(c, clock, JobListener.NONE, engines);
    g.setJobListener(new JobNotifier(mail, clock));
    g.setMail(new org.faxgw.gateway.inbound.MailEgressAccess(mail, c.dataPath()));
    org.faxgw.gateway.serve.ConfigReload reload =
        new org.faxgw.gateway.serve.ConfigReload(config::load, c, g, mail.pipeline());
    g.setReloadHook(reload::reload);
    Sighup.onSignal(
        () -> {
          try {
            System.out.println("faxgw: " + reload.reload());
          } catch (Exception e) {
            System.out.println("faxgw: reload refused, configuration kept: " + e.getMessage());
          }
          System.out.flush();
        });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("faxgw: draining");
                  System.out.flush();
                  try {
                    g.drain(c.shutdown().drainTimeout());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  g.close();
                  mail.close();
                  System.out.println("faxgw: stopped");
                  System.out.flush();
                  stopped.countDown();
                },
                "faxgw-shutdown"));
    g.start();
    System.out.println(
        "faxgw: serving; SMTP on "
            + c.smtp().listen().host()
            + ":"
            + g.smtpPort()
            + ", admin API on "
            + c.admin().listen().host()
            + ":"
            + g.adminPort()
            + ", data in "
            + c.dataPath()
            + (engines == null
                ? "; no fax line (jobs wait)"
                : "; fax lines on IAX2 " + c.iax2().listen()));
    System.out.flush();
    stopped.await();
    return 0;
  }
}
