package org.faxgw.mail;

/** How the page data crossed the line, with the label HylaFAX prints for it. */
public enum DataFormat {
  /** T.4 one-dimensional (Modified Huffman). */
  MH("1-D MH"),
  /** T.4 two-dimensional (Modified READ). */
  MR("2-D MR"),
  /** T.6 (Modified Modified READ). */
  MMR("2-D MMR");

  private final String label;

  DataFormat(String label) {
    this.label = label;
  }

  /** The summary label, e.g. {@code 2-D MMR}. */
  public String label() {
    return label;
  }

  /** Parses {@code mh}, {@code mr} or {@code mmr} (any case). */
  public static DataFormat parse(String s) {
    return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "mh", "1d", "g3-1d" -> MH;
      case "mr", "2d", "g3-2d" -> MR;
      case "mmr", "g4" -> MMR;
      default -> throw new IllegalArgumentException("data format must be mh, mr or mmr: " + s);
    };
  }
}
