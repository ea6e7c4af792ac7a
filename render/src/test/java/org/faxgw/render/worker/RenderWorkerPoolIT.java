package org.faxgw.render.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.faxgw.render.PostScriptEngine;
import org.faxgw.render.RenderOptions;
import org.faxgw.t4.BilevelPage;
import org.junit.jupiter.api.Test;

/** The render worker pool with real worker JVMs. */
class RenderWorkerPoolIT {
  @Test
  void rendersPostScriptInAWorker() throws Exception {
    try (PoolFixture f = new PoolFixture(1, PostScriptEngine.GHOST4J, List.of())) {
      Path ps = f.root.resolve("box.ps");
      Files.writeString(
          ps,
          "%!PS\n100 100 moveto 300 0 rlineto 0 300 rlineto -300 0 rlineto closepath fill showpage\n");
      List<BilevelPage> pages = f.render(ps, null, RenderOptions.defaults());
      assertThat(pages).hasSize(1);
      assertThat(pages.get(0).blackPixels()).isGreaterThan(100_000);
    }
  }
}
