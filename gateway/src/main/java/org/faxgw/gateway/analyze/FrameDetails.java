package org.faxgw.gateway.analyze;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.t30.DisDcsFields;
import org.faxgw.t30.Fcf;
import org.faxgw.t30.StationId;
import org.faxgw.t30.T30Frame;

/** The readable details of a T.30 frame for the timeline. */
final class FrameDetails {
  private FrameDetails() {}

  static String name(byte[] octets) {
    return octets.length < 3 ? "?" : T30Frame.of(octets).name();
  }

  static List<String> of(byte[] octets) {
    List<String> out = new ArrayList<>();
    if (octets.length < 3) {
      out.add("too short for a T.30 frame");
      return out;
    }
    T30Frame f = T30Frame.of(octets);
    if (!f.hasValidHeader()) {
      out.add(String.format("unexpected address/control %02X %02X", f.address(), f.control()));
    }
    Fcf fcf = f.fcf();
    if (fcf == null) {
      return out;
    }
    byte[] fif = f.fif();
    switch (fcf) {
      case DIS, DTC -> out.addAll(DisDcsFields.decodeDis(fif).describe());
      case DCS -> out.addAll(DisDcsFields.decodeDcs(fif).describe());
      case TSI, CSI, CIG -> out.add("id \"" + StationId.decode(fif) + "\"");
      case NSF, NSC, NSS -> out.add(nonStandard(fif));
      case PPS, EOR -> {
        if (fif.length >= 4) {
          out.add(
              "page "
                  + (fif[1] & 0xFF)
                  + " block "
                  + (fif[2] & 0xFF)
                  + " frames "
                  + ((fif[3] & 0xFF) + 1));
        }
      }
      case PPR -> {
        List<Integer> frames = new ArrayList<>();
        for (int i = 0; i < Math.min(fif.length, 32) * 8; i++) {
          if ((fif[i >>> 3] & (1 << (i & 7))) != 0) {
            frames.add(i);
          }
        }
        out.add("resend " + frames.size() + " frames " + abbreviate(frames));
      }
      case CTC -> {
        if (fif.length >= 2) {
          DisDcsFields d = DisDcsFields.decodeDcs(fif);
          out.add(d.describe().get(0));
        }
      }
      case FCD -> {
        if (fif.length >= 1) {
          out.add("frame " + (fif[0] & 0xFF) + ", " + (fif.length - 1) + " octets");
        }
      }
      default -> {}
    }
    if (fcf.hasXBit()) {
      out.add("X=" + (f.xBit() ? 1 : 0));
    }
    return out;
  }

  private static String nonStandard(byte[] fif) {
    // T.35 country code and manufacturer code (3 octets), then the manufacturer's own data;
    // HylaFAX puts its name there in ASCII.
    StringBuilder text = new StringBuilder();
    for (int i = Math.min(fif.length, 3); i < fif.length; i++) {
      int c = fif[i] & 0xFF;
      text.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
    }
    return fif.length + " octets, text \"" + text + "\"";
  }

  private static String abbreviate(List<Integer> frames) {
    if (frames.size() <= 12) {
      return frames.toString();
    }
    return frames.subList(0, 12).toString().replace("]", ", ...]");
  }
}
