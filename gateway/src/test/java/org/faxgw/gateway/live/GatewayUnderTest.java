package org.faxgw.gateway.live;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.faxgw.gateway.config.ConfigLoader;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.gateway.inbound.JobNotifier;
import org.faxgw.gateway.inbound.MailEgressService;
import org.faxgw.gateway.line.FaxLineService;
import org.faxgw.gateway.serve.Gateway;
import org.faxgw.iax2.transport.NettyIax2Endpoint;
import org.faxgw.queue.JobListener;
import org.faxgw.t30.FaxTerminals;

/**
 * A whole faxgw in this JVM, wired as {@code faxgw serve} wires it (real IAX2 endpoint, T.30
 * engine, mail egress into Maildirs), from a YAML text.
 */
final class GatewayUnderTest implements AutoCloseable {
  final FaxgwConfig config;
  final MailEgressService mail;
  final Gateway gateway;
  final NettyIax2Endpoint endpoint;

  GatewayUnderTest(Path dir, String yaml) throws Exception {
    this.config = new ConfigLoader(Map.of()).parse("faxgw.yaml", "dataDir: " + dir + "\n" + yaml);
    Clock clock = Clock.systemUTC();
    this.mail = MailEgressService.forServe(config, clock);
    this.endpoint = NettyIax2Endpoint.start(config.iax2().toEndpointConfig());
    this.gateway =
        new Gateway(
            config,
            clock,
            JobListener.NONE,
            new FaxLineService.Engines(
                endpoint, FaxTerminals.standard(), mail.pipeline(), config.routing().routing()));
    gateway.setJobListener(new JobNotifier(mail, clock));
    gateway.start();
  }

  Path data() {
    return config.dataPath();
  }

  @Override
  public void close() {
    gateway.close();
    mail.close();
  }
}
