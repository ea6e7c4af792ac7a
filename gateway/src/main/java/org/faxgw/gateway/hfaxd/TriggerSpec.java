package org.faxgw.gateway.hfaxd;

import java.util.ArrayList;
import java.util.List;

/**
 * A trigger expression of {@code SITE TRIGGER} (faxwatch(8)): {@code
 * [<class>['<'id'>'][<mask>|'*']]*} where the class is J (job events), S (send), R (receive) or M
 * (modem), the id restricts it to one job (or modem) and the mask is 4 hex digits of event bits
 * ({@code *}: all). Parsed here, matched against {@link JobEvents.Event}s.
 */
record TriggerSpec(List<Term> terms) {
  /** One class term. {@code id} is null for every job or modem. */
  record Term(char kind, String id, int mask) {}

  /** Parses {@code spec}; throws IllegalArgumentException with the reason. */
  static TriggerSpec parse(String spec) {
    List<Term> terms = new ArrayList<>();
    int i = 0;
    int n = spec.length();
    if (n == 0 || n > 256) {
      throw new IllegalArgumentException("empty or overlong trigger specification");
    }
    while (i < n) {
      char kind = spec.charAt(i++);
      if ("JSRM".indexOf(kind) < 0) {
        throw new IllegalArgumentException("unknown event class '" + kind + "'");
      }
      String id = null;
      if (i < n && spec.charAt(i) == '<') {
        int end = spec.indexOf('>', i);
        if (end < 0) {
          throw new IllegalArgumentException("missing '>' after an id");
        }
        id = spec.substring(i + 1, end);
        if (!id.matches("[A-Za-z0-9._-]{1,32}")) {
          throw new IllegalArgumentException("bad id <" + HfaxdSession.printable(id) + ">");
        }
        i = end + 1;
      }
      int mask;
      if (i < n && spec.charAt(i) == '*') {
        mask = 0xffff;
        i++;
      } else if (i + 4 <= n && spec.substring(i, i + 4).matches("[0-9A-Fa-f]{4}")) {
        mask = Integer.parseInt(spec.substring(i, i + 4), 16);
        i += 4;
      } else {
        throw new IllegalArgumentException("expected a 4-hex-digit mask or '*' for '" + kind + "'");
      }
      terms.add(new Term(kind, id, mask));
    }
    return new TriggerSpec(List.copyOf(terms));
  }

  /** True when a term asks for this event. */
  boolean matches(JobEvents.Event e) {
    for (Term t : terms) {
      if (t.kind() == e.kind()
          && (t.mask() & e.mask()) != 0
          && (t.id() == null || t.id().equals(Long.toString(e.job().id())))) {
        return true;
      }
    }
    return false;
  }
}
