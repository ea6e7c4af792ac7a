package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentSpoolTest {
  @TempDir Path dir;

  @Test
  void aFileIsInvisibleUntilCommitted() throws Exception {
    DocumentSpool spool = new DocumentSpool(dir);
    String folder = spool.newFolder();
    try (DocumentSpool.SpoolFile f = spool.create(folder, "a.txt")) {
      f.out().write("hello".getBytes(StandardCharsets.UTF_8));
      assertThat(spool.resolve(folder + "/a.txt")).doesNotExist();
      assertThat(f.commit()).isEqualTo(folder + "/a.txt");
    }
    assertThat(spool.resolve(folder + "/a.txt")).hasContent("hello");
    try (DocumentSpool.SpoolFile f = spool.create(folder, "b.txt")) {
      f.out().write(1);
    }
    assertThat(spool.resolve(folder + "/b.txt")).doesNotExist();
    try (var s = Files.list(spool.resolve(folder))) {
      assertThat(s.count()).isEqualTo(1);
    }
  }

  @Test
  void sweepRemovesOnlyUnreferencedOldFolders() throws Exception {
    DocumentSpool spool = new DocumentSpool(dir);
    String kept = spool.newFolder();
    String orphan = spool.newFolder();
    spool.write(orphan, "x.eml", new ByteArrayInputStream(new byte[] {1, 2}));
    assertThat(spool.sweep(Set.of(kept), System.currentTimeMillis() + 1000)).isEqualTo(1);
    assertThat(spool.folders()).containsExactly(kept);
  }

  @Test
  void pathsCannotLeaveTheSpool() throws Exception {
    DocumentSpool spool = new DocumentSpool(dir);
    assertThatThrownBy(() -> spool.resolve("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spool.deleteFolder(".")).isInstanceOf(IllegalArgumentException.class);
  }
}
