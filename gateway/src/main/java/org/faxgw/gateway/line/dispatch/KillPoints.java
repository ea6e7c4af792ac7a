package org.faxgw.gateway.line.dispatch;

/**
 * Told when a job's send reaches a {@link KillPoint}. In production it is {@link #NONE}, which does
 * nothing; a test's hook throws an {@link Error} at the point it wants the node to die, and the
 * test then abandons that node's objects (never ticked again, nothing released), as if its process
 * had been killed there. The hook is called on the thread that reaches the point (the dispatcher
 * thread, the I/O executor or the endpoint's event loop).
 */
@FunctionalInterface
public interface KillPoints {
  /** Does nothing. */
  KillPoints NONE = (point, jobId, page) -> {};

  /**
   * @param point where the send is
   * @param jobId the job
   * @param page the pages confirmed so far over every call of the job; for {@link
   *     KillPoint#AFTER_PAGE_MCF} the number of the page just confirmed (not yet checkpointed)
   */
  void reached(KillPoint point, long jobId, int page);
}
