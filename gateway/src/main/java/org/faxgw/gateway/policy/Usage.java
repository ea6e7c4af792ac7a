package org.faxgw.gateway.policy;

/**
 * What one sender or one domain has sent in the current day.
 *
 * @param jobs jobs submitted
 * @param pages pages of those jobs that have been rendered
 */
public record Usage(int jobs, int pages) {
  public static final Usage NONE = new Usage(0, 0);

  public Usage {
    if (jobs < 0 || pages < 0) {
      throw new IllegalArgumentException("usage cannot be negative");
    }
  }

  public Usage plus(Usage o) {
    return new Usage(jobs + o.jobs, pages + o.pages);
  }
}
