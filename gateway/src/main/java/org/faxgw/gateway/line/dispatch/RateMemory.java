package org.faxgw.gateway.line.dispatch;

import java.util.EnumSet;
import java.util.Set;
import org.faxgw.queue.DestinationInfo;
import org.faxgw.t30.Capabilities;
import org.faxgw.t30.FaxResult;
import org.faxgw.t30.FaxStatus;
import org.faxgw.t30.SignalRate;

/**
 * Remembers per destination the rates that give trouble (as HylaFAX's {@code hasV17Trouble} and
 * {@code maxSignallingRate} in {@code info/<number>}): a destination whose calls failed in the
 * image phase {@link #TROUBLE_CALLS} times in a row at one rate is offered only lower rates from
 * then on. Pure.
 */
public final class RateMemory {
  /** Calls in a row failing at one rate before the rate is capped below it. */
  public static final int TROUBLE_CALLS = 2;

  private RateMemory() {}

  /** What to remember after a call that reached T.30 and ended with {@code r}. */
  public static DestinationInfo after(DestinationInfo d, FaxResult r) {
    if (r.rate() == null) {
      return d;
    }
    int bps = r.rate().bitsPerSecond();
    if (r.success()) {
      return new DestinationInfo(d.number(), d.rateCap(), 0, 0);
    }
    if (!imageTrouble(r.status())) {
      return d;
    }
    int count = d.troubleRate() == bps ? d.troubleCount() + 1 : 1;
    if (count >= TROUBLE_CALLS) {
      int lower = lowerThan(bps);
      int cap =
          lower == 0 ? d.rateCap() : (d.rateCap() == 0 ? lower : Math.min(d.rateCap(), lower));
      return new DestinationInfo(d.number(), cap, 0, 0);
    }
    return new DestinationInfo(d.number(), d.rateCap(), bps, count);
  }

  /** Failures that say the image did not get through at that rate. */
  static boolean imageTrouble(FaxStatus s) {
    return switch (s) {
      case TRAINING_FAILED,
          PAGE_REJECTED,
          ECM_BLOCK_FAILED,
          REMOTE_DISCONNECTED,
          NO_RESPONSE_AFTER_COMMAND ->
          true;
      default -> false;
    };
  }

  /** The highest standard rate below {@code bps}, or 0 when none is. */
  static int lowerThan(int bps) {
    int best = 0;
    for (SignalRate s : SignalRate.values()) {
      if (s.bitsPerSecond() < bps && s.bitsPerSecond() > best) {
        best = s.bitsPerSecond();
      }
    }
    return best;
  }

  /** {@code c} with its rates limited to {@code capBps} (0 = no cap); never left empty. */
  public static Capabilities cap(Capabilities c, int capBps) {
    if (capBps <= 0) {
      return c;
    }
    Set<SignalRate> rates = EnumSet.noneOf(SignalRate.class);
    for (SignalRate s : c.rates()) {
      if (s.bitsPerSecond() <= capBps) {
        rates.add(s);
      }
    }
    if (rates.isEmpty()) {
      rates.add(SignalRate.V27TER_2400);
    }
    return new Capabilities(
        rates, c.ecm(), c.ecmFrameSize(), c.codings(), c.fine(), c.minScanLineMs());
  }
}
