/**
 * Line tests of the V.27ter and V.29 modems: transmitter → {@link org.faxgw.sim.LineModel} →
 * receiver with BER test patterns (noise at the spandsp 0.0.6 limits of research §5.3, G.711, clock
 * offset, levels, a lost block, carrier loss), decoding of real iaxmodem TCF bursts, and
 * cross-checks against libspandsp's V.27ter/V.29 modems.
 */
package org.faxgw.sim.psk;
