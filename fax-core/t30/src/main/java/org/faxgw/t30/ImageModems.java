package org.faxgw.t30;

import org.faxgw.modem.BitSink;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.ModemReceiver;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Receiver;
import org.faxgw.modem.V27terConfig;
import org.faxgw.modem.V27terReceiver;
import org.faxgw.modem.V29Config;
import org.faxgw.modem.V29Receiver;

/**
 * The image-modem receiver a DCS asks for (T.30 Table 2 bits 11-14), and how it gets ready for the
 * next burst of the same session: V.17 takes the short training after a good long one (V.17 Table
 * 3, T.30 5.3.6.2: TCF and the first page after CFR use the long training, later bursts the short);
 * V.29 and V.27ter restart for the next carrier with their one training. The same choice for the
 * engine's front end ({@code T30Terminal}) and for {@link ImageBurstReceiver}.
 */
final class ImageModems {
  private ImageModems() {}

  /** A receiver for {@code m} at {@code bitRate}, or null when the project has none for it. */
  static ModemReceiver receiver(Modulation m, int bitRate, BitSink sink, ModemListener listener) {
    return switch (m) {
      case V17 ->
          bitRate == 14400 || bitRate == 12000 || bitRate == 9600 || bitRate == 7200
              ? new V17Receiver(V17Config.longTrain(bitRate), sink, listener)
              : null;
      case V29 ->
          bitRate == 9600 || bitRate == 7200
              ? new V29Receiver(V29Config.of(bitRate), sink, listener)
              : null;
      case V27TER ->
          bitRate == 4800 || bitRate == 2400
              ? new V27terReceiver(V27terConfig.of(bitRate), sink, listener)
              : null;
      default -> null;
    };
  }

  /**
   * Readies {@code rx} for the next burst; {@code trained} tells whether a training of this session
   * has succeeded (V.17 then expects the short training).
   */
  static void nextBurst(ModemReceiver rx, int bitRate, boolean trained) {
    if (rx instanceof V17Receiver v) {
      v.restart(trained ? V17Config.shortTrain(bitRate) : V17Config.longTrain(bitRate));
    } else if (rx instanceof V29Receiver v) {
      v.restart(V29Config.of(bitRate));
    } else if (rx instanceof V27terReceiver v) {
      v.restart(V27terConfig.of(bitRate));
    }
  }
}
