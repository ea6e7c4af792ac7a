package org.faxgw.queue;

import java.util.Objects;

/**
 * What the calls of a job have achieved so far, and the facts of the last call (as HylaFAX keeps in
 * the job's qfile and writes to xferfaxlog).
 *
 * @param pagesConfirmed pages the receiver confirmed (MCF) over every call so far; a retry resumes
 *     with the page after these
 * @param signalRate bit/s of the last call's image phase, 0 when unknown
 * @param dataFormat coding of the last call ({@code MH}, {@code MR}, {@code MMR}), empty when
 *     unknown
 * @param ecm whether the last call used error correction
 * @param remoteCsi the far end's CSI in the last call, empty when unknown
 * @param durationMillis length of the last call, 0 when no call was answered
 * @param commId CommID of the last call, empty when no call was made
 * @param reason why the last call failed, empty when it did not
 */
public record JobProgress(
    int pagesConfirmed,
    int signalRate,
    String dataFormat,
    boolean ecm,
    String remoteCsi,
    long durationMillis,
    String commId,
    String reason) {

  /** No call made yet. */
  public static final JobProgress NONE = new JobProgress(0, 0, "", false, "", 0, "", "");

  public JobProgress {
    if (pagesConfirmed < 0) {
      throw new IllegalArgumentException("pagesConfirmed < 0");
    }
    dataFormat = Objects.requireNonNullElse(dataFormat, "");
    remoteCsi = Objects.requireNonNullElse(remoteCsi, "");
    commId = Objects.requireNonNullElse(commId, "");
    reason = Objects.requireNonNullElse(reason, "");
  }
}
