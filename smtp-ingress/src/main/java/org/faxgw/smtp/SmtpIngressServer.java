package org.faxgw.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.faxgw.queue.DialingRules;
import org.faxgw.smtp.mime.SubmissionParser;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.internal.command.BdatCommand;
import org.subethamail.smtp.internal.command.DataCommand;
import org.subethamail.smtp.internal.command.ExpandCommand;
import org.subethamail.smtp.internal.command.HelloCommand;
import org.subethamail.smtp.internal.command.HelpCommand;
import org.subethamail.smtp.internal.command.MailCommand;
import org.subethamail.smtp.internal.command.ReceiptCommand;
import org.subethamail.smtp.internal.command.ResetCommand;
import org.subethamail.smtp.internal.command.VerifyCommand;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP server (SubEthaSMTP): the only class that touches its builder. AUTH PLAIN/LOGIN is
 * offered only after STARTTLS; clients outside the permitted networks must authenticate.
 */
public final class SmtpIngressServer implements AutoCloseable {
  private final SMTPServer server;
  private final java.util.concurrent.atomic.AtomicBoolean draining =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile SmtpReplyListener replies = SmtpReplyListener.NONE;

  public SmtpIngressServer(SmtpIngressConfig config, DialingRules rules, Spooler spooler) {
    this(config, rules, spooler, OutboundCheck.NONE);
  }

  /**
   * @param outbound asked once per recipient taken, with the envelope sender
   */
  public SmtpIngressServer(
      SmtpIngressConfig config, DialingRules rules, Spooler spooler, OutboundCheck outbound) {
    RecipientPolicy policy = new RecipientPolicy(config.domains(), rules, config.maxRecipients());
    SubmissionParser parser = new SubmissionParser(config.mime(), spooler.spool());
    SMTPServer.Builder b =
        SMTPServer.port(config.port())
            .bindAddress(address(config.bindHost()))
            .hostName(config.hostName())
            .softwareName("faxgw")
            .maxConnections(config.maxConnections())
            .connectionTimeoutMs((int) config.connectionTimeout().toMillis())
            .maxMessageSize(config.maxMessageBytes())
            // we count recipients ourselves to answer 452 4.5.3 (RFC 3463)
            .maxRecipients(-1)
            .messageHandlerFactory(
                ctx ->
                    new IngressMessageHandler(
                        ctx,
                        config,
                        policy,
                        parser,
                        spooler,
                        outbound,
                        draining::get,
                        code -> replies.replied(code)));
    boolean auth = config.tls() != null && config.authenticator() != null;
    if (config.tls() != null) {
      b.enableTLS(true)
          .startTlsSocketFactory(
              socket -> {
                SSLSocket s =
                    (SSLSocket)
                        config
                            .tls()
                            .getSocketFactory()
                            .createSocket(
                                socket,
                                socket.getInetAddress().getHostAddress(),
                                socket.getPort(),
                                true);
                s.setUseClientMode(false);
                return s;
              });
    }
    if (auth) {
      b.authenticationHandlerFactory(
              new EasyAuthenticationHandlerFactory(
                  (user, password, ctx) -> {
                    InetAddress client =
                        ctx.getRemoteAddress() instanceof java.net.InetSocketAddress a
                            ? a.getAddress()
                            : null;
                    if (!config.authenticator().authenticate(user, password, client)) {
                      throw new LoginFailedException(
                          "535 5.7.8 Authentication credentials invalid");
                    }
                  }))
          // requireTLS hides AUTH before STARTTLS (and wraps AUTH so it answers 530 before it);
          // the other commands are put back unwrapped below so that mail needs no TLS.
          .requireTLS(true)
          .showAuthCapabilitiesBeforeSTARTTLS(false);
    }
    server = b.build();
    if (auth) {
      CommandHandler h = server.getCommandHandler();
      for (var c :
          List.of(
              new DataCommand(),
              new HelloCommand(),
              new HelpCommand(),
              new MailCommand(),
              new ReceiptCommand(),
              new ResetCommand(),
              new VerifyCommand(),
              new ExpandCommand(),
              new BdatCommand())) {
        h.addCommand(c);
      }
    }
  }

  private static Optional<InetAddress> address(String host) {
    try {
      return Optional.of(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve smtp listen host " + host, e);
    }
  }

  /** Tells {@code l} the code of every reply to MAIL, RCPT and DATA (for the metrics). */
  public void onReply(SmtpReplyListener l) {
    this.replies = l == null ? SmtpReplyListener.NONE : l;
  }

  public void start() {
    server.start();
  }

  /** The port actually listened on. */
  public int port() {
    return server.getPortAllocated();
  }

  /**
   * From now on every MAIL FROM is answered {@code 421 4.3.2} (the listener stays open so that
   * clients hear why); transactions already past MAIL FROM finish.
   */
  public void drain() {
    draining.set(true);
  }

  @Override
  public void close() {
    server.stop();
  }
}
