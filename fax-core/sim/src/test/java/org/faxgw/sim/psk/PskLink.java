package org.faxgw.sim.psk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.faxgw.modem.BitSink;
import org.faxgw.modem.BitSource;
import org.faxgw.modem.ModemEvent;
import org.faxgw.modem.ModemReceiver;
import org.faxgw.modem.ModemTransmitter;
import org.faxgw.modem.V27terConfig;
import org.faxgw.modem.V27terReceiver;
import org.faxgw.modem.V27terTransmitter;
import org.faxgw.modem.V29Config;
import org.faxgw.modem.V29Receiver;
import org.faxgw.modem.V29Transmitter;
import org.faxgw.sim.BerTester;
import org.faxgw.sim.LineModel;
import org.faxgw.sim.LineModelConfig;
import org.faxgw.sim.LineSink;
import org.faxgw.testkit.AudioPump;

/**
 * Test helper: a transmitter sending the O.152 BER pattern through a {@link LineModel} into a
 * receiver, with timing of the receiver and transmitter for the ns/sample figures.
 */
final class PskLink {
  final List<ModemEvent> events = new ArrayList<>();
  final BerTester.Checker checker = new BerTester.Checker(BerTester.Pattern.O152_2047);
  final ModemReceiver rx;
  private final Function<BitSource, ModemTransmitter> txFactory;
  long nanosInReceiver;
  long nanosInTransmitter;
  long samplesToReceiver;
  long samplesFromTransmitter;
  private long limit;
  private long count;

  private PskLink(
      Function<BitSink, ModemReceiver> rxFactory, Function<BitSource, ModemTransmitter> txFactory) {
    BitSink counting =
        bit -> {
          if (count++ < limit) {
            checker.putBit(bit);
          }
        };
    this.rx = rxFactory.apply(counting);
    this.txFactory = txFactory;
  }

  static PskLink v29(V29Config config) {
    List<ModemEvent>[] holder = new List[1];
    PskLink[] self = new PskLink[1];
    PskLink link =
        new PskLink(
            sink -> new V29Receiver(config, sink, e -> self[0].events.add(e)),
            src -> new V29Transmitter(config, src));
    self[0] = link;
    return link;
  }

  static PskLink v27ter(V27terConfig config) {
    PskLink[] self = new PskLink[1];
    PskLink link =
        new PskLink(
            sink -> new V27terReceiver(config, sink, e -> self[0].events.add(e)),
            src -> new V27terTransmitter(config, src));
    self[0] = link;
    return link;
  }

  /**
   * Sends {@code bits} bits over {@code line}; {@code dropBlock} ≥ 0 loses that 20 ms block of the
   * line output (handed to fillIn).
   */
  PskLink send(long bits, LineModelConfig line, int dropBlock) {
    limit = bits;
    count = 0;
    ModemTransmitter tx =
        txFactory.apply(new BerTester.Generator(BerTester.Pattern.O152_2047, bits));
    LineModel model = new LineModel(line);
    int[] blockNo = new int[1];
    LineSink sink =
        new LineSink() {
          @Override
          public void accept(short[] s, int off, int len) {
            if (blockNo[0]++ == dropBlock) {
              rx.fillIn(len);
              return;
            }
            long t0 = System.nanoTime();
            rx.receive(s, off, len);
            nanosInReceiver += System.nanoTime() - t0;
            samplesToReceiver += len;
          }

          @Override
          public void lost(int samples) {
            rx.fillIn(samples);
          }
        };
    AudioPump.Source timed =
        (block, off, len) -> {
          long t0 = System.nanoTime();
          int n = tx.transmit(block, off, len);
          nanosInTransmitter += System.nanoTime() - t0;
          samplesFromTransmitter += n;
          return n;
        };
    AudioPump.pump(
        timed, (block, off, len) -> model.process(block, off, len, sink), 10, 15, 1_000_000);
    model.flush(sink);
    return this;
  }

  boolean trained() {
    return events.stream().anyMatch(e -> e instanceof ModemEvent.TrainingSucceeded);
  }

  boolean carrierDown() {
    return events.stream().anyMatch(e -> e instanceof ModemEvent.CarrierDown);
  }

  double rxNanosPerSample() {
    return (double) nanosInReceiver / Math.max(1, samplesToReceiver);
  }

  double txNanosPerSample() {
    return (double) nanosInTransmitter / Math.max(1, samplesFromTransmitter);
  }

  @Override
  public String toString() {
    return checker + " " + events;
  }
}
