package org.faxgw.t30.spandsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.faxgw.t30.FaxDirection;
import org.faxgw.t30.FaxRole;
import org.faxgw.t30.Modulation;
import org.faxgw.t30.SignalRate;
import org.faxgw.t4.FaxCompression;

/**
 * How to run libspandsp's fax terminal: role, direction, what it offers and the files it sends or
 * writes.
 *
 * @param role calling or called terminal
 * @param direction SEND with {@code tiff} as the document, RECEIVE writing into {@code tiff}
 * @param ecm ECM offered (receiver) or used when offered (sender)
 * @param modems the modem families spandsp supports (its DIS, or its choice as sender)
 * @param rate sender only: the rate to start at instead of spandsp's best (null: its choice); a
 *     receiver's rate is the sender's choice
 * @param codings the codings spandsp supports (MH is always one)
 * @param tiff the document to send, or the file the received pages go to
 * @param log spandsp's T.30 protocol log into the stderr file
 * @param record where spandsp also writes the audio it transmits (raw 16-bit little-endian), or
 *     null
 */
public record SpandspFaxSpec(
    FaxRole role,
    FaxDirection direction,
    boolean ecm,
    Set<Modulation> modems,
    SignalRate rate,
    Set<FaxCompression> codings,
    Path tiff,
    boolean log,
    Path record) {

  public SpandspFaxSpec {
    modems = Set.copyOf(modems);
    codings = Set.copyOf(codings);
    if (rate != null && !modems.contains(rate.modulation())) {
      throw new IllegalArgumentException(rate + " is not one of the modems " + modems);
    }
  }

  /** spandsp with every modem and coding it has, choosing its best rate. */
  public static SpandspFaxSpec of(FaxRole role, FaxDirection direction, boolean ecm, Path tiff) {
    return new SpandspFaxSpec(
        role,
        direction,
        ecm,
        EnumSet.of(Modulation.V17, Modulation.V29, Modulation.V27TER),
        null,
        EnumSet.allOf(FaxCompression.class),
        tiff,
        false,
        null);
  }

  /** The same with only {@code rate}'s modem family, starting at {@code rate}. */
  public SpandspFaxSpec withRate(SignalRate r) {
    return new SpandspFaxSpec(
        role, direction, ecm, EnumSet.of(r.modulation()), r, codings, tiff, log, record);
  }

  public SpandspFaxSpec withCodings(Set<FaxCompression> c) {
    return new SpandspFaxSpec(role, direction, ecm, modems, rate, c, tiff, log, record);
  }

  public SpandspFaxSpec withLog(boolean on) {
    return new SpandspFaxSpec(role, direction, ecm, modems, rate, codings, tiff, on, record);
  }

  /** spandsp also writes its transmitted audio to {@code file}. */
  public SpandspFaxSpec withRecord(Path file) {
    return new SpandspFaxSpec(role, direction, ecm, modems, rate, codings, tiff, log, file);
  }

  /** The options of {@code spandsp_fax} for this terminal (without the mode word). */
  List<String> arguments() {
    List<String> a = new ArrayList<>();
    a.add("--role");
    a.add(role == FaxRole.CALLING ? "caller" : "answerer");
    a.add(direction == FaxDirection.SEND ? "--tx" : "--rx");
    a.add(tiff.toString());
    a.addAll(common(ecm, modems, rate, codings));
    if (log) {
      a.add("--log");
    }
    if (record != null) {
      a.add("--record");
      a.add(record.toString());
    }
    return a;
  }

  static List<String> common(
      boolean ecm, Set<Modulation> modems, SignalRate rate, Set<FaxCompression> codings) {
    List<String> a = new ArrayList<>();
    a.add("--ecm");
    a.add(ecm ? "1" : "0");
    a.add("--modems");
    a.add(
        String.join(
            ",", modems.stream().map(m -> m.name().toLowerCase(Locale.ROOT)).sorted().toList()));
    if (rate != null) {
      a.add("--rate");
      a.add(Integer.toString(rate.bitsPerSecond()));
    }
    a.add("--codings");
    a.add(
        String.join(
            ",", codings.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).sorted().toList()));
    return a;
  }
}
