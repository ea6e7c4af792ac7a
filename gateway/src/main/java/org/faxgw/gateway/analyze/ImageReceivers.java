package org.faxgw.gateway.analyze;

import org.faxgw.modem.BitSink;
import org.faxgw.modem.ModemListener;
import org.faxgw.modem.ModemReceiver;
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
    return null;
  }
}
