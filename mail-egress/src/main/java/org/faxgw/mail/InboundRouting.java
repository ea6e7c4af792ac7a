package org.faxgw.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The inbound routing policy: the first rule whose DID, caller-ID and TSI patterns all match
 * decides; when none does, the fax goes to FaxMaster as PDF. FaxMaster also gets a copy of every
 * failed or partial reception routed to someone else (HylaFAX's {@code NOTIFY_FAXMASTER=errors}).
 * Built only from a validated config: {@link #compile} reports every problem with its line.
 */
public final class InboundRouting {
  private record Compiled(
      InboundRule rule, FieldPattern did, FieldPattern callerId, FieldPattern tsi, String where) {}

  private final String faxmaster;
  private final List<Compiled> rules;

  private InboundRouting(String faxmaster, List<Compiled> rules) {
    this.faxmaster = faxmaster;
    this.rules = rules;
  }

  public String faxmaster() {
    return faxmaster;
  }

  /** Validates the rules and compiles their patterns. */
  public static InboundRouting compile(RoutingConfig cfg) throws ConfigException {
    List<String> problems = new ArrayList<>();
    checkAddress(cfg.faxmaster(), "routing.faxmaster", problems);
    List<Compiled> out = new ArrayList<>();
    for (int i = 0; i < cfg.inbound().size(); i++) {
      InboundRule r = cfg.inbound().get(i);
      String where = r.where(i);
      FieldPattern did = pattern(r.did(), where, "did", problems);
      FieldPattern cid = pattern(r.callerId(), where, "callerId", problems);
      FieldPattern tsi = pattern(r.tsi(), where, "tsi", problems);
      if (r.reject()) {
        if (!r.to().isEmpty() || !r.cc().isEmpty()) {
          problems.add(where + ": a reject rule cannot also have to/cc recipients");
        }
      } else if (r.to().isEmpty()) {
        problems.add(where + ": rule needs 'to' recipients or 'reject: true'");
      }
      for (String a : r.to()) {
        checkAddress(a, where + ": to", problems);
      }
      for (String a : r.cc()) {
        checkAddress(a, where + ": cc", problems);
      }
      if (r.subject() != null) {
        Set<String> unknown =
            MailTemplate.unknownNames(r.subject(), MailTemplate.RECEIVED_FAX_NAMES);
        if (!unknown.isEmpty()) {
          problems.add(
              where
                  + ": subject uses unknown "
                  + unknown
                  + "; known are "
                  + MailTemplate.RECEIVED_FAX_NAMES);
        }
      }
      out.add(new Compiled(r, did, cid, tsi, where));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new InboundRouting(cfg.faxmaster(), List.copyOf(out));
  }

  /** Decides where {@code fax} goes. */
  public RouteDecision route(ReceivedFax fax) {
    for (Compiled c : rules) {
      if (matches(c.did(), fax.did())
          && matches(c.callerId(), fax.callerNumber())
          && matches(c.tsi(), fax.tsi())) {
        InboundRule r = c.rule();
        if (r.reject()) {
          return new RouteDecision.Reject(c.where());
        }
        boolean copy =
            !fax.complete() && !r.to().contains(faxmaster) && !r.cc().contains(faxmaster);
        return new RouteDecision.Deliver(
            r.to(),
            r.cc(),
            r.format() != null ? r.format() : AttachmentFormat.PDF,
            r.subject() != null ? r.subject() : MailTemplate.DEFAULT_RECEIVED_SUBJECT,
            copy,
            c.where());
      }
    }
    return new RouteDecision.Deliver(
        List.of(faxmaster),
        List.of(),
        AttachmentFormat.PDF,
        MailTemplate.DEFAULT_RECEIVED_SUBJECT,
        false,
        "default route");
  }

  private static boolean matches(FieldPattern p, String value) {
    return p == null || p.matches(value);
  }

  private static FieldPattern pattern(
      String text, String where, String key, List<String> problems) {
    if (text == null) {
      return null;
    }
    try {
      return FieldPattern.compile(text);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + key + ": " + e.getMessage());
      return null;
    }
  }

  static void checkAddress(String a, String where, List<String> problems) {
    try {
      InternetAddress[] parsed = InternetAddress.parse(a, true);
      if (parsed.length != 1) {
        problems.add(where + ": one address expected: \"" + a + "\"");
      } else {
        parsed[0].validate();
      }
    } catch (AddressException e) {
      problems.add(where + ": bad mail address \"" + a + "\": " + e.getMessage());
    }
  }
}
