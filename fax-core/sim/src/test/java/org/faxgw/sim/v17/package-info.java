/**
 * V.17 over the simulated line (noise, G.711, clock offset, lost blocks), on real recordings of
 * iaxmodem/spandsp calls, and against libspandsp's V.17 modem.
 */
package org.faxgw.sim.v17;
