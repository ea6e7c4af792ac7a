/**
 * Call media: the fixed-delay {@link org.faxgw.iax2.media.PlayoutBuffer} indexed by IAX2 timestamp
 * (reorders, drops late and duplicate frames, reports gaps for the modem's fill-in, re-centres only
 * in silence when the far clock drifts), the extension of mini-frame timestamps across their 16-bit
 * wrap (RFC 5456 8.1.2, {@link org.faxgw.iax2.media.VoiceTimestamps}), and G.711/slinear payloads
 * ({@link org.faxgw.iax2.media.VoiceCodec}, slinear big-endian as Asterisk and iaxmodem send it).
 */
package org.faxgw.iax2.media;
