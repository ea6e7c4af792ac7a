package org.faxgw.gateway.api;

import java.io.IOException;
import java.util.List;
import org.faxgw.mail.MailEgress;

/** The outbox and the received-fax pipeline, as the API needs them. */
public interface MailAccess {
  /** The mails waiting in the outbox. */
  List<MailEgress.Waiting> pending();

  /** How mail leaves (relay host or Maildir), for the console. */
  String transport();

  /**
   * Routes and mails a received fax again, from its TIFF in the receive queue.
   *
   * @return the ids of the mails put into the outbox
   */
  List<String> redeliver(String commId) throws IOException;
}
