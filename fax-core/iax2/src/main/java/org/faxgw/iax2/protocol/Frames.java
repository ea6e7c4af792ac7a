package org.faxgw.iax2.protocol;

import java.util.Optional;
import org.faxgw.iax2.FullFrame;
import org.faxgw.iax2.HangupCause;
import org.faxgw.iax2.IeType;
import org.faxgw.iax2.InformationElement;

/** Reading IEs of received frames without trusting them: bad values give the default. */
final class Frames {
  private Frames() {}

  static String text(FullFrame f, IeType t) {
    return f.element(t).map(InformationElement::asString).orElse("");
  }

  static long number(FullFrame f, IeType t, long dflt) {
    Optional<InformationElement> e = f.element(t);
    if (e.isEmpty() || e.get().length() < 1 || e.get().length() > 8) {
      return dflt;
    }
    return e.get().asUnsigned();
  }

  /** The cause a HANGUP/REJECT/REGREJ carries (CAUSECODE 8.6.21, CAUSE 8.6.20). */
  static HangupCause cause(FullFrame f, HangupCause dflt) {
    long code = number(f, IeType.CAUSECODE, 0);
    String text = text(f, IeType.CAUSE);
    if (code == 0 && text.isEmpty()) {
      return dflt;
    }
    return new HangupCause((int) Math.min(code, 127), text);
  }

  /** Sequence arithmetic mod 256: true when {@code a} comes before {@code b}. */
  static boolean before(int a, int b) {
    int d = (b - a) & 0xFF;
    return d != 0 && d < 128;
  }
}
