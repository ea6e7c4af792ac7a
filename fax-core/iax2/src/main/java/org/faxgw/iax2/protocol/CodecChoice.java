package org.faxgw.iax2.protocol;

import java.util.List;
import java.util.Optional;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;
import org.faxgw.iax2.MediaFormat;

/**
 * Picks the codec of a call from a NEW's FORMAT and CAPABILITY (RFC 5456 8.6.8, 8.6.9), or their
 * 64-bit forms FORMAT2/CAPABILITY2 (a version octet and 8 octets) when present: the caller's FORMAT
 * if we take it, else our first preference within its CAPABILITY (iaxmodem's rule for an incoming
 * NEW), else none.
 */
final class CodecChoice {
  private CodecChoice() {}

  static MediaFormat choose(List<MediaFormat> ours, FullFrame f) {
    long format = mask(f, IeType.FORMAT2, IeType.FORMAT);
    long capability = mask(f, IeType.CAPABILITY2, IeType.CAPABILITY);
    MediaFormat requested = MediaFormat.ofMask(format);
    if (requested != null && ours.contains(requested)) {
      return requested;
    }
    for (MediaFormat m : ours) {
      if ((capability & m.bit()) != 0) {
        return m;
      }
    }
    return null;
  }

  /** The format an ACCEPT names, if any. */
  static MediaFormat accepted(FullFrame f) {
    return MediaFormat.ofMask(mask(f, IeType.FORMAT2, IeType.FORMAT));
  }

  /** The value of the 64-bit element, else of the 32-bit one, else 0. */
  static long mask(FullFrame f, IeType wide, IeType narrow) {
    Optional<InformationElement> w = f.element(wide);
    if (w.isPresent() && w.get().length() == 9) {
      byte[] v = w.get().value();
      long m = 0;
      for (int i = 1; i < 9; i++) {
        m = (m << 8) | (v[i] & 0xFF);
      }
      return m;
    }
    Optional<InformationElement> n = f.element(narrow);
    if (n.isPresent() && n.get().length() >= 1 && n.get().length() <= 8) {
      return n.get().asUnsigned();
    }
    return 0;
  }

  static long capability(List<MediaFormat> ours) {
    long m = 0;
    for (MediaFormat f : ours) {
      m |= f.bit();
    }
    return m;
  }
}
