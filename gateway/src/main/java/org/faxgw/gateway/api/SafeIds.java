package org.faxgw.gateway.api;

/**
 * Checks the ids that come in request paths before they name anything on disk: a job id is digits,
 * a CommID is digits (HylaFAX's nine), a page number is 1..9999. Anything else, such as {@code ..},
 * a slash or an encoded one, is answered 404: there is no such thing.
 */
final class SafeIds {
  private SafeIds() {}

  static long jobId(String s) {
    if (s == null || !s.matches("[0-9]{1,18}")) {
      throw ApiErrors.notFound("job");
    }
    return Long.parseLong(s);
  }

  static String commId(String s) {
    if (s == null || !s.matches("[0-9]{1,18}")) {
      throw ApiErrors.notFound("fax");
    }
    return s;
  }

  static int pageNumber(String s) {
    if (s == null || !s.matches("[0-9]{1,4}") || Integer.parseInt(s) < 1) {
      throw ApiErrors.notFound("page");
    }
    return Integer.parseInt(s);
  }
}
