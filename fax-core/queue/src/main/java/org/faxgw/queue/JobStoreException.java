package org.faxgw.queue;

/** The job store failed (disk, database); nothing was changed by the failed call. */
public final class JobStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
