package org.faxgw.gateway.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import org.faxgw.t30.DisDcsFields;
import org.faxgw.t30.Fcf;
import org.faxgw.t30.ImageBurstReceiver;
import org.faxgw.t30.Modulation;
import org.faxgw.t30.StationId;
import org.faxgw.t30.T30Frame;
import org.faxgw.t4.FaxCompression;

/**
 * The analysis as JSON. The shape is documented in {@link AnalyzeCommand}'s help and README.md;
 * times are seconds from the start of each direction's audio.
 */
final class JsonReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  private JsonReport() {}

  static ObjectNode tree(CallAnalysis a) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("input", a.input());
    root.put("inputFormat", a.inputFormat());
    ArrayNode w = root.putArray("warnings");
    a.warnings().forEach(w::add);
    ArrayNode sig = root.putArray("signalling");
    a.signalling().forEach(s -> sig.add(s.strip()));
    ArrayNode dirs = root.putArray("directions");
    for (DirectionTimeline d : a.directions()) {
      ObjectNode dn = dirs.addObject();
      dn.put("label", d.label());
      dn.put("role", d.role());
      dn.put("codec", d.codec());
      dn.put("seconds", d.samples() / 8000.0);
      ArrayNode ev = dn.putArray("events");
      for (TimelineEvent e : d.events()) {
        ev.add(event(e));
      }
    }
    return root;
  }

  static String render(CallAnalysis a) {
    try {
      return MAPPER.writeValueAsString(tree(a)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Structured fields of DIS/DTC/DCS (T.30 Table 2) and TSI/CSI/CIG, beside the text. */
  private static void fields(ObjectNode n, TimelineEvent.Frame f) {
    T30Frame t = T30Frame.of(f.octets());
    Fcf fcf = t.fcf();
    if (fcf == Fcf.DIS || fcf == Fcf.DTC || fcf == Fcf.DCS) {
      DisDcsFields d = DisDcsFields.decode(t.fif(), fcf == Fcf.DCS);
      ObjectNode o = n.putObject("fields");
      ArrayNode mods = o.putArray("modulations");
      for (Modulation m : Modulation.values()) {
        if (d.modulations().contains(m)) {
          mods.add(m.label());
        }
      }
      o.put("bitRate", d.bitRate());
      o.put("verticalResolution", d.verticalResolution());
      ArrayNode codings = o.putArray("codings");
      for (FaxCompression c : FaxCompression.values()) {
        if (d.codings().contains(c)) {
          codings.add(c.name());
        }
      }
      o.put("ecm", d.ecm());
      if (d.command() && d.ecm()) {
        o.put("ecmFrameSize", d.ecmFrameSize());
      }
      o.put("widthMm", d.widthMm());
      o.put("length", d.length());
      o.put("minScanTimeMs", d.minScanTimeMs());
      ArrayNode bits = o.putArray("bitsSet");
      d.setBits().forEach(bits::add);
    } else if (fcf == Fcf.TSI || fcf == Fcf.CSI || fcf == Fcf.CIG) {
      n.put("station", StationId.decode(t.fif()));
    }
  }

  private static ObjectNode event(TimelineEvent e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("t", e.sample() / 8000.0);
    if (e instanceof TimelineEvent.Tone t) {
      n.put("type", "tone");
      n.put("tone", t.tone());
      n.put("duration", t.durationSamples() / 8000.0);
    } else if (e instanceof TimelineEvent.Frame f) {
      n.put("type", "frame");
      n.put("carrier", f.carrier());
      n.put("fcf", f.name());
      n.put("fcsOk", f.fcsOk());
      n.put("length", f.octets().length);
      if ("FCD".equals(f.name()) && f.octets().length >= 4) {
        n.put("frameNumber", f.octets()[3] & 0xFF);
      } else {
        n.put("hex", HEX.formatHex(f.octets()));
      }
      ArrayNode det = n.putArray("details");
      f.details().forEach(det::add);
      if (f.fcsOk() && f.octets().length > 3) {
        fields(n, f);
      }
    } else if (e instanceof TimelineEvent.Burst b) {
      n.put("type", "burst");
      n.put("end", b.endSample() / 8000.0);
      n.put("modulation", b.modulation());
      n.put("bitRate", b.bitRate());
      n.put("purpose", b.purpose().label());
      n.put("training", b.trainingLabel());
      n.put("bits", b.bits());
      if (b.purpose() == ImageBurstReceiver.Purpose.TCF) {
        n.put("bitErrors", b.ones());
        n.put("longestZeroRun", b.longestZeroRun());
      }
      if (b.purpose() == ImageBurstReceiver.Purpose.ECM) {
        n.put("frames", b.frames());
        n.put("badFrames", b.badFrames());
      }
    } else if (e instanceof TimelineEvent.Page p) {
      n.put("type", "page");
      n.put("number", p.number());
      n.put("coding", p.coding());
      n.put("ecm", p.ecm());
      n.put("width", p.width());
      n.put("rows", p.rows());
      n.put("badRows", p.badRows());
      if (p.file() == null) {
        n.putNull("file");
      } else {
        n.put("file", p.file());
      }
      n.put("status", p.status());
    } else if (e instanceof TimelineEvent.Note note) {
      n.put("type", "note");
      n.put("text", note.text());
    }
    return n;
  }
}
