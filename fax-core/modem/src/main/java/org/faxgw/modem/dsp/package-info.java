/**
 * DSP primitives for the fax modems, as small pure classes that allocate nothing after
 * construction: numerically controlled oscillators with a generated sine table ({@link
 * org.faxgw.modem.dsp.Nco}), root-raised-cosine pulse shaping computed from its formula ({@link
 * org.faxgw.modem.dsp.RaisedCosine}, {@link org.faxgw.modem.dsp.PulseShaper}, {@link
 * org.faxgw.modem.dsp.BandpassPolyphaseFilter}), a real FIR filter, a power meter in dBm0 (a
 * full-scale 16-bit sine is +3.14 dBm0, the convention of spandsp and of the G.711 overload point),
 * an AGC, a fractionally spaced complex LMS equalizer, a PI loop filter, symbol timing error
 * detectors (Gardner 1986, band-edge after Godard 1978) and the self-synchronising scramblers of
 * V.27ter (with its repeating-pattern guard), V.29 and V.17.
 *
 * <p>Complex values are passed as separate real and imaginary doubles; results of complex
 * operations are left in public-read fields ({@code re()}, {@code im()}) so that no objects are
 * created per sample. Every class here belongs to one thread.
 */
package org.faxgw.modem.dsp;
