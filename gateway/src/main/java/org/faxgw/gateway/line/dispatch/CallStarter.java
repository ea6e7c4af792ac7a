package org.faxgw.gateway.line.dispatch;

import java.util.function.Consumer;
import org.faxgw.gateway.line.Line;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobLease;
import org.faxgw.queue.JobProgress;
import org.faxgw.t30.Capabilities;

/** Places the call for a claimed job (the call runner, HylaFAX's faxsend). */
public interface CallStarter {

  /**
   * Starts sending {@code job} on {@code line}; returns at once. {@code done} is told exactly once,
   * from any thread, when the call is over.
   */
  ActiveCall start(
      FaxJob job, JobLease lease, Line line, Capabilities capabilities, Consumer<CallReport> done);

  /** A call in progress. */
  interface ActiveCall {
    /** Ends the call from our side (DCN if T.30 is under way), with this reason. */
    void abort(String reason);
  }

  /**
   * How a call ended.
   *
   * @param job the job as it was claimed
   * @param lease the lease it ran under
   * @param line the line it used
   * @param outcome the outcome for the retry rules
   * @param progress pages confirmed over all calls, and this call's facts
   */
  record CallReport(
      FaxJob job, JobLease lease, Line line, CallOutcome outcome, JobProgress progress) {}
}
