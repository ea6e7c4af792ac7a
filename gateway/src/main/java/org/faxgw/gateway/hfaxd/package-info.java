/**
 * The HylaFAX client-server protocol (hfaxd(8), TCP port 4559), written from hfaxd(8), faxstat(1)
 * and the Debian hylafax-client programs' behaviour: an FTP-like (RFC 959) control connection with
 * PORT/EPRT (RFC 2428) or PASV data connections, MODE S or Z (zlib, RFC 1950) transfers, and the
 * job commands JNEW/JPARM/JSUBM/JKILL/JDELE/JSUSP/JINTR/JWAIT, and SITE TRIGGER with faxwatch(8)'s
 * trigger expressions and event masks. Users come from the accounts store; a user sees only their
 * own jobs, and recvq as {@code hfaxd.recvqVisibleTo} says ({@link QueueViews}); jobs go through
 * the same queue and renderer as mail jobs, with the id JNEW announces reserved in the job store.
 */
package org.faxgw.gateway.hfaxd;
