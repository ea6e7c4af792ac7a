/**
 * {@code faxgw analyze}: offline analysis of a recorded fax call. Reads a capture (classic pcap or
 * pcapng; Ethernet, Linux cooked, BSD loopback or raw IP; UDP over IPv4 or IPv6), decodes the IAX2
 * frames (RFC 5456) and rebuilds each direction's audio from the full and mini VOICE frames in
 * timestamp order, or takes raw G.711 / 16-bit linear audio. It then runs the project's receivers
 * over the audio (CED/CNG tone detection, V.21 channel 2 with HDLC, and for each DCS or CTC the
 * T.30 engine's image receive path, {@code org.faxgw.t30.ImageBurstReceiver}: the modem the DCS
 * names, the TCF check, V.17's short train after a good TCF, the page decoding) and builds a
 * timeline per direction: tones, T.30 frames (T.30 Table 5 and Table 2 decoded), high-speed bursts
 * with TCF quality, and pages (non-ECM via the error-tolerant T.4 decoder; ECM reassembled from FCD
 * frames per T.4 Annex A) written as TIFF.
 */
package org.faxgw.gateway.analyze;
