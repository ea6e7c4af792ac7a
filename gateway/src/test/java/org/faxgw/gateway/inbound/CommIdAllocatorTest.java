package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
