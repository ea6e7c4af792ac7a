/**
 * Our V.17, V.29 and V.27ter modems beside libspandsp 0.0.6 on the same audio (through {@code
 * src/test/c/spandsp_modems.c}): carrier offset sweeps, wrong-rate bursts, scrambler seeds, carrier
 * cuts, impaired cross-checks, noise thresholds of both receivers, and the CPU benchmark ({@code
 * ModemBenchTest}).
 */
package org.faxgw.sim.xcheck;
