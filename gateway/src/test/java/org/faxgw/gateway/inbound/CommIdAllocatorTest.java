package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.faxgw.queue.JobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommIdAllocatorTest {
  @TempDir Path dir;

  @Test
  void idsFollowOnAcrossAllocatorsOfOneDataDirectory() throws Exception {
    assertThat(new CommIdAllocator(dir).next()).isEqualTo("000000001");
    CommIdAllocator again = new CommIdAllocator(dir);
    assertThat(again.next()).isEqualTo("000000002");
    assertThat(again.next()).isEqualTo("000000003");
  }

  @Test
  void afterTheLargestIdComesOne() throws Exception {
    Files.writeString(dir.resolve("commid.seq"), "999999999\n");
    assertThat(new CommIdAllocator(dir).next()).isEqualTo("000000001");
  }

  @Test
  void theSequenceFileIsReplacedByRenameNeverRewrittenInPlace() throws Exception {
    Path seq = dir.resolve("commid.seq");
    Files.writeString(seq, "41\n");
    // A second name for the old file: a rewrite in place (truncate + write, which a crash can
    // leave empty) would change what it shows; a rename over the name leaves it as it was.
    Path old = Files.createLink(dir.resolve("old.seq"), seq);
    assertThat(new CommIdAllocator(dir).next()).isEqualTo("000000042");
    assertThat(old).hasContent("41");
    assertThat(seq).hasContent("42");
  }

  @Test
  void aWriteCutShortByACrashLeavesTheLastIdInForce() throws Exception {
    Files.writeString(dir.resolve("commid.seq"), "41\n");
    // What a crash between writing the temporary file and the rename leaves behind.
    Files.writeString(dir.resolve("commid.seq.tmp"), "4");
    assertThat(new CommIdAllocator(dir).next()).isEqualTo("000000042");
  }

  @Test
  void twoAllocatorsOnOneDataDirectoryDrawingAtOnceNeverShareAnId() throws Exception {
    // As two processes on one SQLite data folder would: each its own allocator, the file lock
    // between them.
    CommIdAllocator a = new CommIdAllocator(dir);
    CommIdAllocator b = new CommIdAllocator(dir);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> fs = new ArrayList<>();
      for (CommIdAllocator alloc : List.of(a, b, a, b)) {
        fs.add(
            pool.submit(
                () -> {
                  List<String> got = new ArrayList<>();
                  for (int i = 0; i < 25; i++) {
                    got.add(alloc.next());
                  }
                  return got;
                }));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : fs) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(100).doesNotHaveDuplicates();
      assertThat(dir.resolve("commid.seq")).hasContent("100");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStoreThatSharesASequenceGivesTheIdsAndTheFileIsNotUsed() throws Exception {
    AtomicLong sequence = new AtomicLong(41);
    CommIdAllocator shared = CommIdAllocator.forStore(store(true, sequence), dir);
    assertThat(shared.shared()).isTrue();
    assertThat(shared.next()).isEqualTo("000000042");
    assertThat(shared.next()).isEqualTo("000000043");
    assertThat(dir.resolve("commid.seq")).doesNotExist();
    CommIdAllocator local = CommIdAllocator.forStore(store(false, sequence), dir);
    assertThat(local.shared()).isFalse();
    assertThat(local.next()).isEqualTo("000000001");
    assertThat(sequence.get()).isEqualTo(43);
  }

  /** A store that only answers the CommID questions (the others are not asked here). */
  private static JobStore store(boolean shares, AtomicLong sequence) {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "sharesCommIds" -> shares;
                  case "nextCommId" -> sequence.incrementAndGet();
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
