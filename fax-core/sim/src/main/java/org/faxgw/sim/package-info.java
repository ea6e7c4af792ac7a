/**
 * Test instruments: a telephone line model (level in dBm0, white Gaussian noise, G.711 companding,
 * sample clock and carrier frequency offset, echo, dropped blocks), an IP network model (loss,
 * jitter, reordering) and a bit error rate tester (V.52-style pseudo-random patterns).
 */
package org.faxgw.sim;
