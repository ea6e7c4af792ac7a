/**
 * Live tests against real iaxmodem and HylaFAX on 127.0.0.1, and the harness they share: {@link
 * org.faxgw.gateway.live.FaxLab} (private HylaFAX spool per lab in mount namespaces, unique
 * iaxmodem names and free ports, stops exactly what it started), {@link
 * org.faxgw.gateway.live.IaxModemConfig}, {@link org.faxgw.gateway.live.ModemProfile}, {@link
 * org.faxgw.gateway.live.RecordingAudio}, {@link org.faxgw.gateway.live.CallEvents}, {@link
 * org.faxgw.gateway.live.HylafaxSessionLog} and {@link org.faxgw.gateway.live.ImpairedUdpProxy}.
 * Needs root and the Debian packages of {@code bin/install-test-deps}.
 */
package org.faxgw.gateway.live;
