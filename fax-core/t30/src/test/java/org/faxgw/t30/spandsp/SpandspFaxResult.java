package org.faxgw.t30.spandsp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What libspandsp's terminal reported at the end ({@code RESULT} line of {@code spandsp_fax}).
 *
 * @param completion spandsp's T.30 completion code (0 = T30_ERR_OK, -1 = never reached phase E)
 * @param text spandsp's wording of it
 * @param pagesSent pages it sent (confirmed)
 * @param pagesReceived pages it received
 * @param bitRate the last image rate
 * @param modem V.17, V.29 or V.27ter
 * @param ecm whether ECM was used
 * @param encoding mh, mr or mmr
 * @param phaseEAtSample when it reached phase E, in samples since its first block (-1: never)
 * @param remoteId the far end's TSI or CSI
 */
public record SpandspFaxResult(
    int completion,
    String text,
    int pagesSent,
    int pagesReceived,
    int bitRate,
    String modem,
    boolean ecm,
    String encoding,
    long phaseEAtSample,
    String remoteId) {

  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

  public boolean ok() {
    return completion == 0;
  }

  /** Parses the {@code RESULT ...} line out of {@code output}; throws when there is none. */
  static SpandspFaxResult parse(String output) {
    String line =
        output
            .lines()
            .filter(l -> l.startsWith("RESULT "))
            .reduce((a, b) -> b)
            .orElseThrow(
                () -> new IllegalStateException("spandsp_fax printed no RESULT line:\n" + output));
    Map<String, String> f = new LinkedHashMap<>();
    Matcher m = FIELD.matcher(line);
    while (m.find()) {
      String v = m.group(2);
      f.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
    }
    return new SpandspFaxResult(
        Integer.parseInt(f.get("status")),
        f.get("text"),
        Integer.parseInt(f.get("pages_tx")),
        Integer.parseInt(f.get("pages_rx")),
        Integer.parseInt(f.get("rate")),
        f.get("modem"),
        "1".equals(f.get("ecm")),
        f.get("encoding"),
        Long.parseLong(f.get("phase_e_sample")),
        f.get("remote"));
  }
}
