package org.faxgw.gateway.accounts;

/**
 * Per-user limits; a null component means no limit.
 *
 * @param dailyPages most pages a user may submit per day
 * @param dailyJobs most jobs a user may submit per day
 */
public record AccountLimits(Integer dailyPages, Integer dailyJobs) {
  public static final AccountLimits NONE = new AccountLimits(null, null);

  public AccountLimits {
    if (dailyPages != null && dailyPages < 0 || dailyJobs != null && dailyJobs < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }
}
