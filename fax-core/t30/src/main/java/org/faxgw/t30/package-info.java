/**
 * The T.30 fax session (phases A to E, DIS/DCS, TCF, ECM per T.30 Annex A) and the FaxTerminal that
 * joins it to the modems. Pure: samples and frames in, samples and events out; timers count
 * samples.
 */
package org.faxgw.t30;
