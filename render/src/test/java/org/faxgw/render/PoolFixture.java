package org.faxgw.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.faxgw.render.worker.RenderWorkerPool;
import org.faxgw.render.worker.WorkerPoolConfig;
import org.faxgw.t4.BilevelPage;

/** A worker pool in a temporary folder that workers dropped to nobody can reach (under /tmp). */
final class PoolFixture implements AutoCloseable {
  final Path root;
  final RenderWorkerPool pool;

  PoolFixture(int workers, PostScriptEngine engine, List<String> jvmOptions) throws Exception {
    this(workers, "512m", engine, jvmOptions);
  }

  PoolFixture(int workers, String heap, PostScriptEngine engine, List<String> jvmOptions)
      throws Exception {
    this(workers, heap, engine, jvmOptions, Duration.ofSeconds(60));
  }

  PoolFixture(
      int workers, String heap, PostScriptEngine engine, List<String> jvmOptions, Duration cpu)
      throws Exception {
    this.root =
        Files.createTempDirectory(
            "faxgw-pool-test-",
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x")));
    WorkerPoolConfig c =
        WorkerPoolConfig.defaults(root.resolve("workers"))
            .withWorkers(workers)
            .withHeap(heap)
            .withCpuLimit(cpu)
            .withPostScript(engine)
            .withJvmOptions(jvmOptions);
    this.pool = RenderWorkerPool.start(c);
    if (!pool.awaitFull(Duration.ofSeconds(120))) {
      throw new AssertionError("pool did not fill: " + Files.readString(log()));
    }
  }

  Path log() {
    return root.resolve("workers").resolve("workers.log");
  }

  List<BilevelPage> render(Path doc, String type, RenderOptions o) throws RenderException {
    List<BilevelPage> pages = new ArrayList<>();
    pool.render(doc, type, o, FaxRenderer.ProgressListener.NONE, (n, p) -> pages.add(p));
    return pages;
  }

  /** Waits (bounded) for the pool to be back at full size. */
  boolean refilled() throws InterruptedException {
    return pool.awaitFull(Duration.ofSeconds(120));
  }

  @Override
  public void close() throws IOException {
    pool.close();
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
