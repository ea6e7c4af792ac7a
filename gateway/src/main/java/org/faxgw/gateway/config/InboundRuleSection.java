package org.faxgw.gateway.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.mail.AttachmentFormat;
import org.faxgw.mail.InboundRouting;
import org.faxgw.mail.InboundRule;
import org.faxgw.mail.RoutingConfig;

/**
 * One {@code routing.inbound} entry. Match keys ({@code did}, {@code callerId}, {@code tsi}): exact
 * text, a wildcard with {@code *}/{@code ?}, or a regular expression starting with {@code ^} (or
 * ending with {@code $}); all given keys must match. Actions: {@code to}/{@code cc}, {@code format}
 * (pdf, tiff, both), {@code subject} (a template with ${tsi}, ${did}, ${callerNumber},
 * ${callerName}, ${pages}, ${commId}, ${line}), or {@code reject: true}.
 */
public record InboundRuleSection(
    @JsonDeserialize(using = PatternText.class) String did,
    @JsonDeserialize(using = PatternText.class) String callerId,
    @JsonDeserialize(using = PatternText.class) String tsi,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> to,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> cc,
    String format,
    String subject,
    Boolean reject) {

  public InboundRuleSection {
    to = to == null ? List.of() : List.copyOf(to);
    cc = cc == null ? List.of() : List.copyOf(cc);
    reject = reject != null && reject;
    if (format != null) {
      AttachmentFormat.parse(format); // IllegalArgumentException names the allowed values
    }
    // Check this rule alone now, so that its problems carry its line.
    try {
      InboundRouting.compile(
          new RoutingConfig(
              null, List.of(rule(did, callerId, tsi, to, cc, format, subject, reject))));
    } catch (org.faxgw.mail.ConfigException e) {
      List<String> p = new ArrayList<>();
      for (String s : e.problems()) {
        p.add(s.replaceFirst("^rule 1: ", ""));
      }
      throw new IllegalArgumentException(String.join("; ", p));
    }
  }

  /** The plain rule for {@code org.faxgw.mail}. */
  public InboundRule toRule(int line) {
    return rule(did, callerId, tsi, to, cc, format, subject, reject);
  }

  private static InboundRule rule(
      String did,
      String callerId,
      String tsi,
      List<String> to,
      List<String> cc,
      String format,
      String subject,
      boolean reject) {
    return new InboundRule(
        0,
        did,
        callerId,
        tsi,
        to,
        cc,
        format == null ? null : AttachmentFormat.parse(format),
        subject,
        reject);
  }
}
