package org.faxgw.gateway.hfaxd;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the listener needs, resolved from the {@code hfaxd:} section.
 *
 * @param listen address to bind
 * @param idleTimeout control connection idle time before it is closed
 * @param maxIdleTimeout largest value IDLE may set
 * @param dataTimeout longest wait for a data connection or its next bytes
 * @param maxUpload largest file one STOR/STOT may upload, in bytes
 * @param maxConnections most control connections at once
 * @param maxLoginFailures failed logins after which an address waits
 * @param loginLockout how long it waits
 * @param tmpDir where uploads wait for JSUBM (the clients' {@code /tmp} area)
 * @param recvq the received faxes
 * @param hostName name in the greeting and in faxstat's headers
 * @param spool the document spool (the jobs' documents, listed as docq; read through it, so that a
 *     document another node spooled is fetched from the shared files)
 * @param logDir the session logs {@code c<CommID>} (log)
 * @param recvqForAll true when every user may read recvq; false for admins only
 */
public record HfaxdSettings(
    InetSocketAddress listen,
    Duration idleTimeout,
    Duration maxIdleTimeout,
    Duration dataTimeout,
    long maxUpload,
    int maxConnections,
    int maxLoginFailures,
    Duration loginLockout,
    Path tmpDir,
    Path recvq,
    String hostName,
    org.faxgw.queue.DocumentSpool spool,
    Path logDir,
    boolean recvqForAll) {}
