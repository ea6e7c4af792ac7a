package org.faxgw.gateway.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.faxgw.gateway.inbound.MailEgressService;
import org.faxgw.gateway.inbound.ReceivedRedelivery;
import org.faxgw.mail.MailEgress;

/** The API's view of the running mail service: the outbox, and re-delivery of a received fax. */
public final class MailEgressAccess implements MailAccess {
  private final MailEgressService svc;
  private final Path recvq;

  public MailEgressAccess(MailEgressService svc, Path dataDir) {
    this.svc = svc;
    this.recvq = dataDir.resolve("recvq");
  }

  @Override
  public List<MailEgress.Waiting> pending() {
    return svc.mail().pending();
  }

  @Override
  public String transport() {
    return svc.transportDescription();
  }

  @Override
  public List<String> redeliver(String commId) throws IOException {
    return ReceivedRedelivery.redeliver(svc, recvq, commId);
  }
}
