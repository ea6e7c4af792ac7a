package org.faxgw.gateway;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.faxgw.gateway.config.ConfiguredCommand;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.inbound.JobNotifier;
import org.faxgw.gateway.inbound.MailEgressService;
import org.faxgw.gateway.serve.Gateway;
import org.faxgw.queue.JobListener;
import picocli.CommandLine.Command;

/** {@code faxgw serve}: runs the gateway until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the gateway (SMTP in, queue, render, admin API, mail out) until stopped (SIGTERM).")
public final class ServeCommand extends ConfiguredCommand {
  @Override
  protected int run(FaxgwConfig c) throws Exception {
    Clock clock = Clock.systemUTC();
    // Sender notifications (job done/failed, render failures, unfaxable parts) go out by mail.
    MailEgressService mail = MailEgressService.forServe(c, clock);
    Gateway g = new Gateway(c, clock, JobListener.NONE);
    g.setJobListener(new JobNotifier(mail, clock));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
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
            + c.dataPath());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
