package org.faxgw.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder for one benchmark run, removed with everything in it on close. */
public final class ScratchDir implements AutoCloseable {
  private final Path path;

  private ScratchDir(Path path) {
    this.path = path;
  }

  /** A folder on tmpfs ({@code /dev/shm}) where there is one, so that file I/O costs no disk. */
  public static ScratchDir inMemory(String prefix) throws IOException {
    Path shm = Path.of("/dev/shm");
    return new ScratchDir(
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, prefix)
            : Files.createTempDirectory(prefix));
  }

  /** A folder in the default temporary directory. */
  public static ScratchDir create(String prefix) throws IOException {
    return new ScratchDir(Files.createTempDirectory(prefix));
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> s = Files.walk(path)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
