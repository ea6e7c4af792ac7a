package org.faxgw.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {
  @TempDir Path dir;

  @Test
  void writeReplacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
    Path f = dir.resolve("commid.seq");
    DurableFiles.write(f, "1\n".getBytes(StandardCharsets.US_ASCII));
    DurableFiles.write(f, "2\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(f).hasContent("2");
    try (var s = Files.list(dir)) {
      assertThat(s).containsExactly(f);
    }
  }

  @Test
  void aWriteThatFailsLeavesTheOldTargetWholeAndNoTemporaryFile() throws IOException {
    Path f = dir.resolve("state");
    DurableFiles.write(f, "old".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(
            () ->
                DurableFiles.write(
                    f,
                    out -> {
                      out.write("half of the new".getBytes(StandardCharsets.US_ASCII));
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");
    assertThat(f).hasContent("old");
    assertThat(dir.resolve("state" + DurableFiles.TEMP_SUFFIX)).doesNotExist();
  }

  @Test
  void nothingIsVisibleUnderTheTargetNameBeforeCommit() throws IOException {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path neu = Files.createDirectory(dir.resolve("new"));
    Path target = neu.resolve("mail");
    try (DurableFiles.Pending p = DurableFiles.open(tmp.resolve("mail"), target)) {
      p.write(new byte[] {1, 2, 3});
      assertThat(p.size()).isEqualTo(3);
      assertThat(target).doesNotExist();
      p.commit();
    }
    assertThat(target).hasBinaryContent(new byte[] {1, 2, 3});
    assertThat(tmp.resolve("mail")).doesNotExist();
  }
}
