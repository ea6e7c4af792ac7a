/**
 * The HylaFAX client-server protocol (hfaxd(8), TCP port 4559), written from hfaxd(8), faxstat(1)
 * and the Debian hylafax-client programs' behaviour: an FTP-like (RFC 959) control connection with
 * PORT/EPRT (RFC 2428) or PASV data connections, MODE S or Z (zlib, RFC 1950) transfers, and the
 * job commands JNEW/JPARM/JSUBM/JKILL/JDELE/JSUSP/JINTR/JWAIT. Users come from the accounts store;
 * jobs go through the same queue and renderer as mail jobs.
 */
package org.faxgw.gateway.hfaxd;
