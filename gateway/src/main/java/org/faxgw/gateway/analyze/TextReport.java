package org.faxgw.gateway.analyze;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.faxgw.t30.ImageBurstReceiver;

/** The analysis as text for a terminal: one line per event, details indented. */
final class TextReport {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  private TextReport() {}

  static String render(CallAnalysis a) {
    StringBuilder sb = new StringBuilder();
    sb.append("faxgw analyze ")
        .append(a.input())
        .append(" (")
        .append(a.inputFormat())
        .append(")\n");
    for (String w : a.warnings()) {
      sb.append("warning: ").append(w).append('\n');
    }
    if (!a.signalling().isEmpty()) {
      sb.append("\nIAX2 signalling\n");
      for (String s : a.signalling()) {
        sb.append("  ").append(s).append('\n');
      }
    }
    for (DirectionTimeline d : a.directions()) {
      sb.append('\n')
          .append("== ")
          .append(d.label())
          .append(" (")
          .append(d.codec())
          .append(", ")
          .append(seconds(d.samples()))
          .append(" s)\n");
      if (d.events().isEmpty()) {
        sb.append("  (no fax signal)\n");
      }
      for (TimelineEvent e : d.events()) {
        line(sb, e);
      }
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, TimelineEvent e) {
    sb.append(String.format(Locale.ROOT, "%9s  ", seconds(e.sample())));
    if (e instanceof TimelineEvent.Tone t) {
      sb.append(String.format(Locale.ROOT, "%-12s %s s%n", t.tone(), seconds(t.durationSamples())));
    } else if (e instanceof TimelineEvent.Frame f) {
      boolean fcd = "FCD".equals(f.name());
      sb.append(
          String.format(
              Locale.ROOT, "%-12s %-8s %s", f.carrier(), f.name(), f.fcsOk() ? "" : "BAD FCS "));
      if (!fcd) {
        sb.append(HEX.formatHex(f.octets()));
      }
      List<String> details = f.details();
      if (fcd) {
        sb.append(String.join("; ", details)).append('\n');
      } else if (details.isEmpty()) {
        sb.append('\n');
      } else {
        sb.append('\n').append(" ".repeat(33)).append(String.join("; ", details)).append('\n');
      }
    } else if (e instanceof TimelineEvent.Burst b) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-12s %-8s %s s, training %s",
              b.modulation() + " " + b.bitRate(),
              b.purpose().label(),
              seconds(b.endSample() - b.sample()),
              b.trainingLabel()));
      if (b.purpose() == ImageBurstReceiver.Purpose.TCF) {
        sb.append(
            String.format(
                Locale.ROOT,
                ", %d bits, %d bit errors (ones), longest zero run %d",
                b.bits(),
                b.ones(),
                b.longestZeroRun()));
      } else if (b.purpose() == ImageBurstReceiver.Purpose.ECM) {
        sb.append(String.format(Locale.ROOT, ", %d frames, %d bad", b.frames(), b.badFrames()));
      } else {
        sb.append(String.format(Locale.ROOT, ", %d bits", b.bits()));
      }
      sb.append('\n');
    } else if (e instanceof TimelineEvent.Page p) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-12s page %d: %s%s %dx%d, %d bad rows, %s%s%n",
              "PAGE",
              p.number(),
              p.coding(),
              p.ecm() ? " ECM" : "",
              p.width(),
              p.rows(),
              p.badRows(),
              p.status(),
              p.file() == null ? "" : " -> " + p.file()));
    } else if (e instanceof TimelineEvent.Note n) {
      sb.append("note: ").append(n.text()).append('\n');
    }
  }

  static String seconds(long samples) {
    return String.format(Locale.ROOT, "%.3f", samples / 8000.0);
  }
}
