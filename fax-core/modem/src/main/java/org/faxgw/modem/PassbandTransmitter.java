package org.faxgw.modem;

import org.faxgw.modem.dsp.BitScrambler;
import org.faxgw.modem.dsp.Nco;
import org.faxgw.modem.dsp.PowerMeter;
import org.faxgw.modem.dsp.PulseShaper;

/**
 * The common back end of the PSK/QAM transmitters (V.27ter, V.29): complex symbols from {@link
 * #nextSymbol()} are root-raised-cosine shaped at baseband, resampled to 8 kHz in the same
 * polyphase step, and modulated onto the carrier: {@code s[n] = g·Re{x[n]·e^{jωn}}}. The gain g is
 * set so that the data signal has the configured level in dBm0. After the last symbol the filter
 * tail is flushed and the transmitter ends. Belongs to one thread.
 */
abstract class PassbandTransmitter implements ModemTransmitter {
  static final double SAMPLE_RATE = 8000.0;

  private PulseShaper shaper;
  private Nco carrier;
  private double gain;
  private ModemListener listener = ModemListener.IGNORE;
  private final BitSource source;
  private boolean dataEnded;
  private int shutdownSymbols;
  private long sampleCount;
  private int flushSymbols;
  private boolean ending;
  private boolean finished;

  /** Output of {@link #nextSymbol()}: real and imaginary parts of the next symbol. */
  protected double symRe;

  protected double symIm;

  protected PassbandTransmitter(BitSource source, ModemListener listener) {
    this.source = source;
    setListener(listener);
  }

  /**
   * (Re)configures the back end.
   *
   * @param carrierHz carrier frequency
   * @param upsample intermediate samples per symbol (see {@link PulseShaper})
   * @param decimate intermediate samples per output sample
   * @param beta roll-off
   * @param spanSymbols pulse length in symbols
   * @param levelDbm0 level of the data signal
   * @param dataSymbolPower mean |symbol|² of the data constellation
   */
  protected final void configure(
      double carrierHz,
      int upsample,
      int decimate,
      double beta,
      int spanSymbols,
      double levelDbm0,
      double dataSymbolPower) {
    shaper = new PulseShaper(upsample, decimate, beta, spanSymbols);
    carrier = new Nco(carrierHz, SAMPLE_RATE);
    gain = Math.sqrt(2.0 * PowerMeter.dbm0ToMeanSquare(levelDbm0) / dataSymbolPower);
    flushSymbols = spanSymbols / 2 + 1;
    dataEnded = false;
    shutdownSymbols = 0;
    ending = false;
    finished = false;
    sampleCount = 0;
  }

  protected final void setListener(ModemListener listener) {
    this.listener = listener == null ? ModemListener.IGNORE : listener;
  }

  /**
   * True when the data have ended and {@code limit} symbols of scrambled ones have followed them
   * (counts this symbol); never during the training ones ({@code ones}).
   */
  protected final boolean shutdownOver(boolean ones, int limit) {
    return !ones && dataEnded && ++shutdownSymbols > limit;
  }

  /**
   * The next {@code count} bits through {@code scrambler}, the first in the highest place: data
   * bits from the source, or ones in the training ({@code ones}) and once the source has ended.
   */
  protected final int scrambledBits(BitScrambler scrambler, int count, boolean ones) {
    int bits = 0;
    for (int i = 0; i < count; i++) {
      bits = (bits << 1) | scrambler.scramble(dataBit(ones));
    }
    return bits;
  }

  private int dataBit(boolean ones) {
    if (ones || dataEnded) {
      return 1;
    }
    int b = source.getBit();
    if (b == BitSource.END) {
      dataEnded = true;
      return 1;
    }
    return b & 1;
  }

  /**
   * Produces the next symbol into {@link #symRe}/{@link #symIm}.
   *
   * @return false when the transmission (including its shutdown sequence) is over
   */
  protected abstract boolean nextSymbol();

  @Override
  public final int transmit(short[] out, int off, int len) {
    if (finished) {
      return 0;
    }
    for (int i = 0; i < len; i++) {
      if (shaper.next()) {
        if (!ending && !nextSymbol()) {
          ending = true;
        }
        if (ending) {
          if (flushSymbols-- <= 0) {
            finished = true;
            listener.onEvent(new ModemEvent.TransmitComplete(sampleCount));
            return i;
          }
          shaper.push(0, 0);
        } else {
          shaper.push(symRe, symIm);
        }
      }
      shaper.compute();
      double v = gain * (shaper.re() * carrier.cos() - shaper.im() * carrier.sin());
      carrier.advance();
      long s = Math.round(v);
      out[off + i] =
          (short)
              (s > Short.MAX_VALUE ? Short.MAX_VALUE : s < Short.MIN_VALUE ? Short.MIN_VALUE : s);
      sampleCount++;
    }
    return len;
  }

  /** True once the last sample has been produced. */
  public final boolean isFinished() {
    return finished;
  }
}
