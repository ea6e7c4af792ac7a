/**
 * The T.30 fax session (phases A to E, DIS/DCS, TCF, ECM per T.30 Annex A) and the FaxTerminal that
 * joins it to the modems. Pure: samples and frames in, samples and events out; timers count
 * samples.
 *
 * <h2>API</h2>
 *
 * {@link org.faxgw.t30.FaxTerminals#standard()} makes {@link org.faxgw.t30.FaxTerminal}s (a sender
 * with its pages, or a receiver) from a {@link org.faxgw.t30.FaxTerminalConfig}: role (calling or
 * called), direction (send or receive; the other combinations are polling), our TSI/CSI, the {@link
 * org.faxgw.t30.Capabilities} we offer in DIS or may choose in DCS, and observer mode. The caller
 * drives it with 20 ms blocks ({@code receive} or {@code fillIn}, then {@code transmit}); events go
 * to a {@link org.faxgw.t30.FaxTerminalListener}, the session log in HylaFAX's wording to a {@link
 * org.faxgw.t30.SessionLogSink}; the call ends with a {@link org.faxgw.t30.FaxResult} whose {@link
 * org.faxgw.t30.FaxStatus} carries HylaFAX's reason text.
 *
 * <h2>Inside</h2>
 *
 * <ul>
 *   <li>{@code T30Session}: the state machine (one enum state per signal awaited, one handler per
 *       state, one path for the unexpected), with the sending procedure in {@code T30Sender} and
 *       the receiving one in {@code T30Receiver}. It sees the line only as {@code T30Input}s and
 *       acts through {@code T30Io}, the seam the frame-level tests use.
 *   <li>{@code T30Terminal}: the front end. Programs of {@code TxItem}s become CED/CNG, V.21 HDLC
 *       bursts with 1 s of flags (T.30 5.3.1), TCF, non-ECM pages and ECM bursts on
 *       V.17/V.29/V.27ter; reception through V.21 or the fast-or-V.21 switch, the image bits going
 *       to {@code TcfChecker}, the T.4 stream decoder or an HDLC decoder (ECM). Our receiver is
 *       muted while we transmit, except in observer mode.
 *   <li>{@code DisDcsEncoder} beside {@link org.faxgw.t30.DisDcsFields}: DIS/DCS/CTC information
 *       fields (T.30 Table 2) and the sender's choice ({@code DcsChoice}: common rates in {@link
 *       org.faxgw.t30.SignalRate} order, MMR only with ECM, fine only if both, the far end's scan
 *       line time).
 *   <li>{@code PageCoder} (T.4 with fill and RTC; ECM frames and blocks, T.4 Annex A), {@link
 *       org.faxgw.t30.EcmReassembler}, {@code CopyQuality} (HylaFAX's 95 % / 5 rows rule), {@code
 *       T30Timers} (T1-T5 and the delays, with their clauses), {@code HylaFaxLog}.
 * </ul>
 *
 * <p>Bit order: frames are held as the octets of the line (first bit in the least significant
 * position, {@link org.faxgw.t30.Fcf}); HylaFAX's logs print them bit-reversed, as T.30's tables do
 * ({@link org.faxgw.t30.BitReversal}).
 */
package org.faxgw.t30;
