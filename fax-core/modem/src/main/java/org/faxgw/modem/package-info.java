/**
 * Fax modems as pure sample processors: V.21 channel 2 FSK, V.27ter, V.29, V.17, HDLC framing (ISO
 * 3309 / T.30 5.3), CED and CNG tones, G.711. Each modem is a transmitter class, a receiver class
 * and a config record with the block API of ARCHITECTURE.md rule 3; time is counted in 8 kHz
 * samples.
 */
package org.faxgw.modem;
