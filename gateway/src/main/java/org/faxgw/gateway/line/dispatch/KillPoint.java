package org.faxgw.gateway.line.dispatch;

/**
 * The named moments of a job's send at which a node may die (issue 18's kill points). What another
 * node does after each, once the dead node's lease has lapsed, is the contract the kill-point tests
 * hold the dispatcher and the call runner to.
 */
public enum KillPoint {
  /** The job was claimed (it holds a lease), before its call started. Nothing is sent twice. */
  AFTER_CLAIM,

  /** The call was dialled (the job's dial was checkpointed), before it was answered. */
  AFTER_DIAL,

  /**
   * The far end confirmed a page (MCF) and the node died before that page's checkpoint was
   * committed: the one window in which a page is sent twice, since the node that takes the job over
   * resumes after the last committed page.
   */
  AFTER_PAGE_MCF,

  /**
   * The call has ended (every page confirmed and checkpointed) and the node died before the job's
   * final release was committed: the node that takes the job over finds nothing left to send.
   */
  BEFORE_COMMIT
}
