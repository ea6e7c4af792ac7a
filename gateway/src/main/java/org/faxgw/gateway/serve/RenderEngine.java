package org.faxgw.gateway.serve;

import java.io.IOException;
import org.faxgw.queue.FaxJob;
import org.faxgw.render.RenderException;

/**
 * What turns a job's documents into its G3 TIFF for {@link RenderWorkers}: {@link JobRenderer} on
 * the sandboxed worker pool in the gateway, or a test's fake.
 */
@FunctionalInterface
interface RenderEngine {
  /**
   * Renders the job, telling {@code progress} as pages are done.
   *
   * @throws JobRenderer.Abandoned when {@link JobRenderer.Progress#abandoned()} said to stop
   */
  JobRenderer.Rendered render(FaxJob job, JobRenderer.Progress progress)
      throws RenderException, IOException;
}
