package org.faxgw.gateway.hfaxd;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.faxgw.gateway.accounts.AccountsStore;
import org.faxgw.gateway.accounts.LoginThrottle;
import org.faxgw.gateway.admin.AdminJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener on port 4559: one acceptor thread ({@code hfaxd-accept}) and one thread per control
 * connection ({@code hfaxd-N}), at most {@code maxConnections}; beyond that a client gets {@code
 * 421} and is closed.
 */
public final class HfaxdServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HfaxdServer.class);

  private final HfaxdSettings settings;
  private final AccountsStore accounts;
  private final AdminJobs jobs;
  private final Clock clock;
  private final LoginThrottle throttle;
  private final JobIds ids;
  private final Semaphore slots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong sessions = new AtomicLong();
  private ServerSocket server;
  private Thread acceptor;

  public HfaxdServer(HfaxdSettings settings, AccountsStore accounts, AdminJobs jobs, Clock clock) {
    this.settings = settings;
    this.accounts = accounts;
    this.jobs = jobs;
    this.clock = clock;
    this.throttle = new LoginThrottle(settings.maxLoginFailures(), settings.loginLockout(), clock);
    this.ids = new JobIds(jobs);
    this.slots = new Semaphore(settings.maxConnections());
  }

  public void start() throws IOException {
    Files.createDirectories(settings.tmpDir());
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(settings.listen(), 50);
    acceptor = new Thread(this::acceptLoop, "hfaxd-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.warn("hfaxd accept: {}", e.toString());
        }
        continue;
      }
      if (!slots.tryAcquire()) {
        try (s) {
          s.getOutputStream()
              .write(
                  "421 Service not available, too many connections.\r\n"
                      .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
          // the client went away
        }
        continue;
      }
      open.add(s);
      long n = sessions.incrementAndGet();
      Thread t =
          new Thread(
              () -> {
                try {
                  new HfaxdSession(s, n, settings, accounts, jobs, clock, throttle, ids).run();
                } catch (RuntimeException e) {
                  log.warn("hfaxd session {} ended by {}", n, e.toString());
                } finally {
                  open.remove(s);
                  slots.release();
                  try {
                    s.close();
                  } catch (IOException ignored) {
                    // closing
                  }
                }
              },
              "hfaxd-" + n);
      t.setDaemon(true);
      t.start();
    }
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // closing
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (SocketException ignored) {
        // closing
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
