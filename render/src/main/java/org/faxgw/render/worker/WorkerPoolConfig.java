package org.faxgw.render.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.faxgw.render.PostScriptEngine;

/**
 * How the render worker pool runs its processes.
 *
 * @param workers worker processes kept running (config {@code render.workers})
 * @param heap the {@code -Xmx} of each worker, e.g. {@code 512m} ({@code render.workerHeap})
 * @param jobsPerWorker documents a worker renders before it is replaced ({@code
 *     render.jobsPerWorker})
 * @param postScript engine for PostScript inside the workers ({@code render.postscript})
 * @param cpuLimit most CPU time one document may use in its worker; beyond it the worker is killed
 * @param user the unprivileged user workers run as when this process runs as root ({@code
 *     render.workerUser}); ignored otherwise
 * @param tempRoot where the workers' private folders are made; when they run as another user, a
 *     readable copy of the classpath is kept beside it, in {@code faxgw-render-classpath}, and
 *     reused by later starts
 * @param jvmOptions more options for the worker JVMs (tests)
 */
public record WorkerPoolConfig(
    int workers,
    String heap,
    int jobsPerWorker,
    PostScriptEngine postScript,
    Duration cpuLimit,
    String user,
    Path tempRoot,
    List<String> jvmOptions) {

  /** Past the document's own time limit, the worker gets this long to report it before the kill. */
  public static final Duration GRACE = Duration.ofSeconds(2);

  public WorkerPoolConfig {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
    if (!heap.matches("[0-9]+[kKmMgG]?")) {
      throw new IllegalArgumentException("worker heap must look like 512m: " + heap);
    }
    if (jobsPerWorker < 1) {
      throw new IllegalArgumentException("jobsPerWorker must be at least 1: " + jobsPerWorker);
    }
    Objects.requireNonNull(postScript, "postScript");
    Objects.requireNonNull(cpuLimit, "cpuLimit");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(tempRoot, "tempRoot");
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** As many workers as cores, 512 MB each, 100 documents each, ghost4j, 60 s CPU, nobody. */
  public static WorkerPoolConfig defaults(Path tempRoot) {
    return new WorkerPoolConfig(
        Runtime.getRuntime().availableProcessors(),
        "512m",
        100,
        PostScriptEngine.GHOST4J,
        Duration.ofSeconds(60),
        "nobody",
        tempRoot,
        List.of());
  }

  public WorkerPoolConfig withWorkers(int n) {
    return new WorkerPoolConfig(
        n, heap, jobsPerWorker, postScript, cpuLimit, user, tempRoot, jvmOptions);
  }

  public WorkerPoolConfig withHeap(String h) {
    return new WorkerPoolConfig(
        workers, h, jobsPerWorker, postScript, cpuLimit, user, tempRoot, jvmOptions);
  }

  public WorkerPoolConfig withJobsPerWorker(int n) {
    return new WorkerPoolConfig(workers, heap, n, postScript, cpuLimit, user, tempRoot, jvmOptions);
  }

  public WorkerPoolConfig withPostScript(PostScriptEngine e) {
    return new WorkerPoolConfig(
        workers, heap, jobsPerWorker, e, cpuLimit, user, tempRoot, jvmOptions);
  }

  public WorkerPoolConfig withCpuLimit(Duration d) {
    return new WorkerPoolConfig(
        workers, heap, jobsPerWorker, postScript, d, user, tempRoot, jvmOptions);
  }

  public WorkerPoolConfig withJvmOptions(List<String> o) {
    return new WorkerPoolConfig(
        workers, heap, jobsPerWorker, postScript, cpuLimit, user, tempRoot, o);
  }

  /** The heap in bytes. */
  long heapBytes() {
    char u = Character.toLowerCase(heap.charAt(heap.length() - 1));
    String digits = Character.isDigit(u) ? heap : heap.substring(0, heap.length() - 1);
    long n = Long.parseLong(digits);
    return switch (u) {
      case 'k' -> n << 10;
      case 'm' -> n << 20;
      case 'g' -> n << 30;
      default -> n;
    };
  }
}
