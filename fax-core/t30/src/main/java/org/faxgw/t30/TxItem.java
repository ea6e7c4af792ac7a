package org.faxgw.t30;

import java.util.List;

/** One step of what a terminal transmits; a session hands the front end a list of them. */
sealed interface TxItem {

  /** Quiet line for {@code samples} samples. */
  record Silence(int samples) implements TxItem {}

  /** CED, 2100 Hz for 3 s (T.30 4.2). */
  record Ced() implements TxItem {}

  /**
   * CNG, 1100 Hz 0.5 s on / 3 s off, until the next transmission replaces it (T.30 4.1). Our
   * receiver is not muted while it plays: the answer comes during CNG.
   */
  record Cng() implements TxItem {}

  /** V.21 channel 2 HDLC frames (address to FIF, no FCS) after a 1 s preamble of flags. */
  record V21Frames(List<T30Frame> frames) implements TxItem {
    public V21Frames {
      frames = List.copyOf(frames);
    }
  }

  /** TCF: the training of the image modem, then zeros for 1.5 s. */
  record Tcf(SignalRate rate) implements TxItem {}

  /** A non-ECM page: training, then the coded page (octets in line order, LSB first). */
  record Image(SignalRate rate, boolean shortTrain, byte[] data) implements TxItem {}

  /** An ECM burst: training, 200 ms of flags, then HDLC frames (FCD…, RCP×3). */
  record ImageFrames(SignalRate rate, boolean shortTrain, List<T30Frame> frames) implements TxItem {
    public ImageFrames {
      frames = List.copyOf(frames);
    }
  }
}
