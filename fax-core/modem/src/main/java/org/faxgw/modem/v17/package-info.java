/**
 * Internals of the V.17 modem (ITU-T V.17, 02/91; constellations and trellis code shared with
 * V.32bis): the signal constellations generated from one quarter and the 90° rotation rule, the
 * differential and 8-state convolutional encoder of V.17 2.3, the Viterbi decoder, the training
 * sequence of V.17 3.3 and the receiver's front end (matched filter, Gardner timing). The scrambler
 * 1 + x^-18 + x^-23 and the RRC pulse come from {@code org.faxgw.modem.dsp}. The modem itself is
 * {@link org.faxgw.modem.V17Transmitter} / {@link org.faxgw.modem.V17Receiver}.
 */
package org.faxgw.modem.v17;
