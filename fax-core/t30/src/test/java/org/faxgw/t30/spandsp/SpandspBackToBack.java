package org.faxgw.t30.spandsp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.faxgw.sim.spandsp.SpandspHarness;
import org.faxgw.t30.Modulation;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.FaxCompression;

/**
 * Two libspandsp terminals back to back inside {@code spandsp_fax b2b} (caller sends, answerer
 * receives): the reference for call length, for success under 20 ms block loss (the loss drawn as
 * faxgw's {@code LineModel} draws it, java.util.Random(seed·31+17), caller's line seed S+2i,
 * answerer's S+2i+1; or {@link Seeds#PLAIN} as t30's PacketLossTest draws it, Random(seed),
 * caller's line S+i, answerer's 1000+S+i) and for CPU per call.
 */
public final class SpandspBackToBack {
  private SpandspBackToBack() {}

  /** One call of the b2b mode. */
  public record Call(
      int n, long seed, boolean ok, long samples, int pages, int bitRate, int lost) {}

  /** How call i's loss patterns are seeded from the run's seed S. */
  public enum Seeds {
    /** {@code LineModel}'s generators: Random(seed·31+17) with seeds S+2i and S+2i+1. */
    LINE_MODEL,
    /** Random(seed) with seeds S+i (caller's line) and 1000+S+i (answerer's). */
    PLAIN
  }

  /** A run of calls. */
  public record Run(List<Call> calls, int successes) {}

  /** Thread CPU time per call (after one warm-up call), in nanoseconds. */
  public record Cpu(long medianNs, long minNs, long maxNs, int calls, long samples) {}

  private static final Pattern CALL =
      Pattern.compile(
          "CALL n=(\\d+) seed=(-?\\d+) ok=(\\d) samples=(-?\\d+) pages=(\\d+) rate=(\\d+)"
              + " lost_blocks=(\\d+)");
  private static final Pattern CPU =
      Pattern.compile("CPU_NS median=(\\d+) min=(\\d+) max=(\\d+) calls=(\\d+) samples=(\\d+)");

  /** The caller sends {@code tx}; the answerer writes into {@code rx}. */
  public static Run run(
      Path tx,
      Path rx,
      boolean ecm,
      SignalRate rate,
      Set<FaxCompression> codings,
      double loss,
      Seeds seeds,
      long seed,
      int calls)
      throws IOException, InterruptedException {
    List<String> a = base(tx, rx, ecm, rate, codings);
    a.addAll(
        List.of(
            "--loss", Double.toString(loss), "--seed", Long.toString(seed), "--calls", "" + calls));
    if (seeds == Seeds.PLAIN) {
      a.addAll(List.of("--seeds", "plain"));
    }
    String out = SpandspHarness.run(SpandspFax.PROGRAM, 600, a);
    List<Call> list = new ArrayList<>();
    int ok = 0;
    Matcher m = CALL.matcher(out);
    while (m.find()) {
      Call c =
          new Call(
              Integer.parseInt(m.group(1)),
              Long.parseLong(m.group(2)),
              m.group(3).equals("1"),
              Long.parseLong(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)),
              Integer.parseInt(m.group(7)));
      list.add(c);
      ok += c.ok() ? 1 : 0;
    }
    if (list.size() != calls) {
      throw new IllegalStateException("expected " + calls + " CALL lines:\n" + out);
    }
    return new Run(list, ok);
  }

  /** One clean call's length in samples (the later of the two terminals' phase E). */
  public static Call cleanCall(
      Path tx, Path rx, boolean ecm, SignalRate rate, Set<FaxCompression> codings)
      throws IOException, InterruptedException {
    return run(tx, rx, ecm, rate, codings, 0, Seeds.LINE_MODEL, 0, 1).calls().get(0);
  }

  /** The same clean call {@code repeats} times after a warm-up; thread CPU time per call. */
  public static Cpu cpu(
      Path tx, Path rx, boolean ecm, SignalRate rate, Set<FaxCompression> codings, int repeats)
      throws IOException, InterruptedException {
    List<String> a = base(tx, rx, ecm, rate, codings);
    a.addAll(List.of("--repeat", Integer.toString(repeats)));
    String out = SpandspHarness.run(SpandspFax.PROGRAM, 600, a);
    Matcher m = CPU.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no CPU_NS line:\n" + out);
    }
    return new Cpu(
        Long.parseLong(m.group(1)),
        Long.parseLong(m.group(2)),
        Long.parseLong(m.group(3)),
        Integer.parseInt(m.group(4)),
        Long.parseLong(m.group(5)));
  }

  private static List<String> base(
      Path tx, Path rx, boolean ecm, SignalRate rate, Set<FaxCompression> codings) {
    List<String> a = new ArrayList<>(List.of("b2b", "--tx", tx.toString(), "--rx", rx.toString()));
    Set<Modulation> modems =
        rate == null
            ? Set.of(Modulation.V17, Modulation.V29, Modulation.V27TER)
            : Set.of(rate.modulation());
    a.addAll(SpandspFaxSpec.common(ecm, modems, rate, codings));
    return a;
  }
}
