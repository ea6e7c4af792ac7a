/**
 * {@code faxgw analyze}: offline analysis of a recorded fax call. Reads a capture (classic pcap or
 * pcapng; Ethernet, Linux cooked, BSD loopback or raw IP; UDP over IPv4 or IPv6), decodes the IAX2
 * frames (RFC 5456) and rebuilds each direction's audio from the full and mini VOICE frames in
 * timestamp order, or takes raw G.711 / 16-bit linear audio. It then runs the project's receivers
 * over the audio (CED/CNG tone detection, V.21 channel 2 with HDLC, and the fast modem that the
 * last DCS named) and builds a timeline per direction: tones, T.30 frames (T.30 Table 5 and Table 2
 * decoded), high-speed bursts with TCF quality, and pages (non-ECM via the error-tolerant T.4
 * decoder; ECM reassembled from FCD frames per T.4 Annex A) written as TIFF.
 */
package org.faxgw.gateway.analyze;
