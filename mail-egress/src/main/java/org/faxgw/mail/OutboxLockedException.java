package org.faxgw.mail;

import java.nio.file.Path;

/**
 * An operator's flush found the outbox's delivery lock held by another process (a running gateway,
 * which delivers the outbox itself).
 */
public final class OutboxLockedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  public OutboxLockedException(Path directory) {
    super(
        "another process delivers "
            + directory
            + " (its lock "
            + FolderOutboxStore.LOCK_FILE
            + " is held)");
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }
}
