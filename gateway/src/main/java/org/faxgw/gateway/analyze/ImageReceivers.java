package org.faxgw.gateway.analyze;

import org.faxgw.modem.BitSink;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.ModemReceiver;
import org.faxgw.modem.V17Config;
import org.faxgw.modem.V17Receiver;
import org.faxgw.modem.V27terConfig;
import org.faxgw.modem.V27terReceiver;
import org.faxgw.modem.V29Config;
import org.faxgw.modem.V29Receiver;
import org.faxgw.t30.Modulation;

/**
 * Makes the image-modem receiver a DCS asks for. Returns {@code null} when this build has no
 * receiver for that modem; the analyzer then says so on the timeline.
 */
final class ImageReceivers {
  private ImageReceivers() {}

  /** An image receiver with the means to start the next burst of the same session. */
  interface ImageReceiver {
    ModemReceiver receiver();

    /**
     * Gets ready for the next burst. {@code trained} tells whether a training on this session has
     * succeeded (V.17 then uses the short train, V.17 Table 3).
     */
    void nextBurst(boolean trained);
  }

  static ImageReceiver create(Modulation m, int bitRate, BitSink sink, ModemListener listener) {
    switch (m) {
      case V17 -> {
        if (bitRate != 14400 && bitRate != 12000 && bitRate != 9600 && bitRate != 7200) {
          return null;
        }
        V17Receiver rx = new V17Receiver(V17Config.longTrain(bitRate), sink, listener);
        return new ImageReceiver() {
          @Override
          public ModemReceiver receiver() {
            return rx;
          }

          @Override
          public void nextBurst(boolean trained) {
            // V.17 Table 3: after a good long training (TCF) the pages use the
            // short one
            rx.restart(trained ? V17Config.shortTrain(bitRate) : V17Config.longTrain(bitRate));
          }
        };
      }
      case V29 -> {
        if (bitRate != 9600 && bitRate != 7200) {
          return null;
        }
        return rearming(new V29Receiver(V29Config.of(bitRate), sink, listener));
      }
      case V27TER -> {
        if (bitRate != 4800 && bitRate != 2400) {
          return null;
        }
        return rearming(new V27terReceiver(V27terConfig.of(bitRate), sink, listener));
      }
      default -> {
        return null;
      }
    }
  }

  /** V.29 and V.27ter receivers wait for the next carrier by themselves after one ends. */
  private static ImageReceiver rearming(ModemReceiver rx) {
    return new ImageReceiver() {
      @Override
      public ModemReceiver receiver() {
        return rx;
      }

      @Override
      public void nextBurst(boolean trained) {}
    };
  }
}
