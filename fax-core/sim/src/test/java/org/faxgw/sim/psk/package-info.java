/**
 * Line tests of the V.27ter and V.29 modems: transmitter → {@link org.faxgw.sim.LineModel} →
 * receiver with BER test patterns (noise at the lowest SNR at which spandsp 0.0.6 is error-free on
 * this line model: V.29 9600 23 dB, 7200 18 dB, V.27ter 4800 16 dB, 2400 10 dB; G.711, clock
 * offset, levels, a lost block, carrier loss), decoding of real iaxmodem TCF bursts, and
 * cross-checks against libspandsp's V.27ter/V.29 modems.
 */
package org.faxgw.sim.psk;
