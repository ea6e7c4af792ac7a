package org.faxgw.sim.psk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.fixtures.RecordedCalls;
import org.faxgw.modem.G711;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.ModemReceiver;
import org.faxgw.modem.V27terConfig;
import org.faxgw.modem.V27terReceiver;
import org.faxgw.modem.V29Config;
import org.faxgw.modem.V29Receiver;
import org.junit.jupiter.api.Test;

/**
 * Our V.29 and V.27ter receivers on real iaxmodem audio (the sender's direction of two recorded
 * calls, provenance in {@code src/test/resources/org/faxgw/sim/psk/}): the first burst after the
 * DCS that trains is the TCF (T.30 5.3.6.2.1: 1.5 s of zeros at the chosen rate); every bit of its
 * zeros must come out right after the descrambler. The page burst that follows must carry every EOL
 * of the page's 1146 rows and its RTC.
 */
class PskRealCallTest {
  /** Rows of the page in both calls (ImageLength of the TIFF HylaFAX received). */
  static final int PAGE_ROWS = 1146;

  static short[] decode(String name, boolean alaw) throws IOException {
    // <call>-<direction>.<law>: that direction's audio of the recorded call (fixtures module)
    int cut = name.indexOf("-ttyIAX");
    byte[] raw = RecordedCalls.read(name.substring(0, cut), "audio/" + name.substring(cut + 1));
    short[] pcm = new short[raw.length];
    if (alaw) {
      G711.decodeAlaw(raw, 0, pcm, 0, raw.length);
    } else {
      G711.decodeUlaw(raw, 0, pcm, 0, raw.length);
    }
    return pcm;
  }

  /** Bits of each burst that trained, in order. */
  static final class Bursts {
    final List<StringBuilder> trained = new ArrayList<>();
    final List<ModemEvent> events = new ArrayList<>();
    StringBuilder current;

    void event(ModemEvent e) {
      events.add(e);
      if (e instanceof ModemEvent.TrainingSucceeded) {
        current = new StringBuilder();
        trained.add(current);
      } else if (e instanceof ModemEvent.CarrierDown) {
        current = null;
      }
    }

    void bit(int b) {
      if (current != null) {
        current.append((char) ('0' + b));
      }
    }
  }

  static void feed(ModemReceiver rx, short[] pcm) {
    for (int i = 0; i + 160 <= pcm.length; i += 160) {
      rx.receive(pcm, i, 160);
    }
  }

  /** Number of T.4 EOL code words (T.4 4.1.2: 000000000001) in a bit string. */
  static int eols(String bits) {
    int n = 0;
    for (int i = bits.indexOf("000000000001"); i >= 0; i = bits.indexOf("000000000001", i + 12)) {
      n++;
    }
    return n;
  }

  /** Checks the first trained burst: its zeros (1.5 s worth) without a single one among them. */
  static void checkTcf(Bursts bursts, int bitRate, String what) {
    assertThat(bursts.trained).as(bursts.events.toString()).isNotEmpty();
    String tcf = bursts.trained.get(0).toString();
    int firstZero = tcf.indexOf('0');
    // the zeros end where the transmitter's shutdown (scrambled ones) begins
    int end = tcf.indexOf("11111111", firstZero);
    if (end < 0) {
      end = tcf.length();
    }
    String zeros = tcf.substring(firstZero, end);
    long errors = zeros.chars().filter(c -> c == '1').count();
    System.out.printf(
        "%s TCF: %d bits after training, leading ones %d, zero span %d bits (%.3f s), %d ones"
            + " inside, %d bits after%n",
        what,
        tcf.length(),
        firstZero,
        zeros.length(),
        zeros.length() / (double) bitRate,
        errors,
        tcf.length() - end);
    // T.30 5.3.6.2.1: 1.5 s ± 10 %
    assertThat(zeros.length()).as(what).isGreaterThanOrEqualTo(bitRate * 135 / 100);
    assertThat(errors).as(what).isZero();
  }

  @Test
  void v29At7200TrainsOnTheRealTcfAndDecodesEveryZero() throws IOException {
    Bursts bursts = new Bursts();
    V29Receiver rx = new V29Receiver(V29Config.of(7200), bursts::bit, bursts::event);
    feed(rx, decode("s-v29-7200-mr-ulaw-1p-ttyIAX0_to_ttyIAX1.ulaw", false));
    checkTcf(bursts, 7200, "V.29 7200");
    // the V.21 bursts before (TSI, DCS) must not pass for a V.29 training
    assertThat(bursts.events.get(1)).isInstanceOf(ModemEvent.TrainingFailed.class);
    System.out.println("V.29 events: " + bursts.events);
    // the page follows the TCF as a second trained burst
    assertThat(bursts.trained).hasSizeGreaterThanOrEqualTo(2);
    int eols = eols(bursts.trained.get(1).toString());
    System.out.println("V.29 page burst: EOLs " + eols);
    // T.4 4.1: every coded row begins with an EOL (the page has 1146 rows: HylaFAX's received
    // TIFF) and RTC is 6 more; a bit error in an EOL would lose it
    assertThat(eols).isGreaterThanOrEqualTo(PAGE_ROWS + 6);
  }

  @Test
  void v27terAt4800TrainsOnTheRealTcfAndDecodesEveryZero() throws IOException {
    Bursts bursts = new Bursts();
    V27terReceiver rx = new V27terReceiver(V27terConfig.of(4800), bursts::bit, bursts::event);
    feed(rx, decode("s-v27ter-4800-mr-alaw-1p-ttyIAX0_to_ttyIAX1.alaw", true));
    checkTcf(bursts, 4800, "V.27ter 4800");
    assertThat(bursts.events.get(1)).isInstanceOf(ModemEvent.TrainingFailed.class);
    System.out.println("V.27ter events: " + bursts.events);
    assertThat(bursts.trained).hasSizeGreaterThanOrEqualTo(2);
    int eols = eols(bursts.trained.get(1).toString());
    System.out.println("V.27ter page burst: EOLs " + eols);
    // T.4 4.1: every coded row begins with an EOL (the page has 1146 rows: HylaFAX's received
    // TIFF) and RTC is 6 more; a bit error in an EOL would lose it
    assertThat(eols).isGreaterThanOrEqualTo(PAGE_ROWS + 6);
  }
}
