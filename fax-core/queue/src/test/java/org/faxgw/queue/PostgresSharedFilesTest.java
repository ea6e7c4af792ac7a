package org.faxgw.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared spool files on a real PostgreSQL ({@link PostgresSharedFiles}, a private cluster for
 * this class, one fresh database per test): the {@link SharedFiles} contract, and two "nodes" (two
 * job stores, each with its own pool, and two spool roots) on one database, as {@link
 * DocumentSpool} uses them. Skipped, saying why, only when the PostgreSQL server binaries are not
 * installed.
 */
class PostgresSharedFilesTest {
  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static PostgresCluster cluster;

  @TempDir Path dir;
  private PostgresJobStore nodeA;
  private PostgresJobStore nodeB;

  @BeforeAll
  static void startCluster() throws Exception {
    Assumptions.assumeTrue(PostgresCluster.binaries().isPresent(), PostgresCluster::missingMessage);
    cluster = PostgresCluster.start();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void twoNodes() throws Exception {
    String database = cluster.createDatabase();
    PostgresSettings s =
        new PostgresSettings(
            cluster.jdbcUrl(database),
            PostgresCluster.USER,
            cluster.password(),
            3,
            PostgresSettings.LeaseClock.DATABASE);
    nodeA = PostgresJobStore.open(s);
    nodeB = PostgresJobStore.open(s);
  }

  @AfterEach
  void closeNodes() {
    nodeA.close();
    nodeB.close();
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] fetched(SharedFiles f, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(f.fetch(path, out)).as("fetch " + path).isTrue();
    return out.toByteArray();
  }

  @Test
  void aFileIsPutFetchedInChunksAndDeleted() throws Exception {
    SharedFiles files = nodeA.sharedFiles();
    assertThat(files.shared()).isTrue();
    // 2.5 chunks, and an empty file
    byte[] big = randomBytes(PostgresSharedFiles.CHUNK_BYTES * 5 / 2, 1);
    Path local = Files.write(dir.resolve("big"), big);
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    files.put("m1/fax-fine.tif", local);
    files.put("m1/capture", empty);
    files.put("m2/message.eml", Files.write(dir.resolve("eml"), "x".getBytes()));

    assertThat(files.size("m1/fax-fine.tif")).isEqualTo(big.length);
    assertThat(fetched(files, "m1/fax-fine.tif")).isEqualTo(big);
    assertThat(files.size("m1/capture")).isZero();
    assertThat(fetched(files, "m1/capture")).isEmpty();

    // put again: replaced, not appended
    files.put("m1/fax-fine.tif", Files.write(dir.resolve("small"), new byte[] {7, 8, 9}));
    assertThat(fetched(files, "m1/fax-fine.tif")).containsExactly(7, 8, 9);

    files.delete("m1/capture");
    assertThat(files.size("m1/capture")).isEqualTo(-1);
    assertThat(files.deleteFolder("m1")).isEqualTo(1);
    assertThat(files.size("m1/fax-fine.tif")).isEqualTo(-1);
    assertThat(files.size("m2/message.eml")).as("another folder stays").isEqualTo(1);
  }

  @Test
  void aMissingFileSaysSoAndWritesNothing() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(nodeB.sharedFiles().fetch("m9/none.pdf", out)).isFalse();
    assertThat(out.size()).isZero();
    assertThat(nodeB.sharedFiles().size("m9/none.pdf")).isEqualTo(-1);
    DocumentSpool b = new DocumentSpool(dir.resolve("b"), nodeB.sharedFiles());
    assertThat(b.local("m9/none.pdf")).doesNotExist();
  }

  @Test
  void aFilePutByOneNodeIsFetchedByTheOtherIntoItsOwnSpoolByteForByte() throws Exception {
    DocumentSpool a = new DocumentSpool(dir.resolve("a/spool"), nodeA.sharedFiles());
    DocumentSpool b = new DocumentSpool(dir.resolve("b/spool"), nodeB.sharedFiles());
    String folder = a.newFolder();
    byte[] tiff = randomBytes(1_500_000, 2);
    String path;
    try (DocumentSpool.SpoolFile f = a.create(folder, "fax-fine.tif")) {
      f.out().write(tiff);
      path = f.commit();
    }
    a.markCapture(folder);
    assertThat(b.resolve(path)).as("not on B before it asks").doesNotExist();

    Path onB = b.local(path);
    assertThat(onB).startsWith(b.root()).hasBinaryContent(tiff);
    assertThat(b.local(folder + "/" + DocumentSpool.CAPTURE_MARKER)).exists();
    assertThat(b.local(path)).as("the second read is the local copy").hasBinaryContent(tiff);
    try (var s = Files.list(b.resolve(folder))) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .as("no temporary file left")
          .containsExactlyInAnyOrder("fax-fine.tif", DocumentSpool.CAPTURE_MARKER);
    }

    // a (deterministic) rendering again on A with another size replaces B's copy on its next read
    try (DocumentSpool.SpoolFile f = a.create(folder, "fax-fine.tif")) {
      f.out().write(new byte[] {1, 2, 3});
      f.commit();
    }
    assertThat(b.local(path)).hasBinaryContent(new byte[] {1, 2, 3});

    // deleting on A makes it gone for B, B's copy too
    a.deleteFolder(folder);
    assertThat(a.resolve(folder)).doesNotExist();
    assertThat(b.local(path)).doesNotExist();
    assertThat(b.local(folder + "/" + DocumentSpool.CAPTURE_MARKER)).doesNotExist();
    assertThat(nodeB.sharedFiles().size(path)).isEqualTo(-1);
  }

  @Test
  void deletingOneFileOnANodeDeletesItForTheOther() throws Exception {
    DocumentSpool a = new DocumentSpool(dir.resolve("a/spool"), nodeA.sharedFiles());
    DocumentSpool b = new DocumentSpool(dir.resolve("b/spool"), nodeB.sharedFiles());
    String folder = a.newFolder();
    String doc = a.write(folder, "doc-1.pdf", new ByteArrayInputStream(new byte[] {5}));
    String tif = a.write(folder, "fax-fine.tif", new ByteArrayInputStream(new byte[] {6}));
    assertThat(b.local(tif)).hasBinaryContent(new byte[] {6});
    a.deleteFile(tif);
    assertThat(b.local(tif)).doesNotExist();
    assertThat(b.local(doc)).hasBinaryContent(new byte[] {5});
  }

  @Test
  void aNodeThatNeverHadTheFolderDeletesItForEveryNode() throws Exception {
    DocumentSpool a = new DocumentSpool(dir.resolve("a/spool"), nodeA.sharedFiles());
    DocumentSpool b = new DocumentSpool(dir.resolve("b/spool"), nodeB.sharedFiles());
    String folder = a.newFolder();
    String doc = a.write(folder, "doc-1.pdf", new ByteArrayInputStream(new byte[] {5}));
    assertThat(b.resolve(folder)).doesNotExist();
    b.deleteFolder(folder); // e.g. faxrm on B of a job A accepted
    assertThat(nodeA.sharedFiles().size(doc)).isEqualTo(-1);
    assertThat(a.local(doc)).as("A's own copy goes at its next read").doesNotExist();
  }

  /**
   * The order: a file is in the shared files when its commit returns, and the job is committed only
   * after its files. A node that dies between the local write and the shared put (here: the put
   * never happens) has committed no job, so no node is ever sent to a file it cannot get; its
   * restart sweeps the folder.
   */
  @Test
  void aNodeDyingBetweenTheLocalWriteAndTheSharedPutLeavesNoJobReferringToTheFile()
      throws Exception {
    DocumentSpool b = new DocumentSpool(dir.resolve("b/spool"), nodeB.sharedFiles());
    SharedFiles dying =
        new Delegate(nodeA.sharedFiles()) {
          @Override
          public void put(String path, Path localFile) {
            throw new JobStoreException("the node died here", null);
          }
        };
    DocumentSpool a = new DocumentSpool(dir.resolve("a/spool"), dying);
    String folder = a.newFolder();
    assertThatThrownBy(() -> accept(a, nodeA, folder)).hasMessageContaining("died here");
    assertThat(nodeB.spoolFolders()).doesNotContain(folder);
    assertThat(nodeB.list(java.util.EnumSet.allOf(JobState.class))).isEmpty();
    assertThat(b.local(folder + "/message.eml")).doesNotExist();

    // the same acceptance with a healthy node: the file is shared before the job exists
    DocumentSpool healthy = new DocumentSpool(dir.resolve("a/spool"), nodeA.sharedFiles());
    String ok = healthy.newFolder();
    FaxJob job = accept(healthy, nodeA, ok);
    assertThat(b.local(job.documents().get(0).path())).hasContent("mail");
    // A's restart sweeps the folder no job refers to; the accepted one stays
    assertThat(healthy.sweep(nodeA.spoolFolders(), System.currentTimeMillis() + 1)).isEqualTo(1);
    assertThat(healthy.folders()).containsExactly(ok);
  }

  /** What an acceptance does, in its order: spool the files, then commit the job. */
  private static FaxJob accept(DocumentSpool spool, JobStore store, String folder)
      throws IOException {
    String path = spool.write(folder, "message.eml", new ByteArrayInputStream("mail".getBytes()));
    spool.syncFolder(folder);
    NewJob nj =
        new NewJob(
            "alice@example.com",
            new FaxNumber("+16045557977", "16045557977"),
            127,
            JobState.RENDERING,
            "",
            12,
            3,
            null,
            T0.plus(Duration.ofHours(3)),
            null,
            "failed",
            "fine",
            "",
            folder,
            List.of(new JobDocument(JobDocument.DOCUMENT, path, "message/rfc822", "m.eml")),
            List.of());
    return store.submit(List.of(nj), T0, Duration.ofHours(1)).get(0);
  }

  @Test
  void theSharedSweepRemovesOnlyOldUnreferencedFolders() throws Exception {
    DocumentSpool a = new DocumentSpool(dir.resolve("a/spool"), nodeA.sharedFiles());
    String kept = a.newFolder();
    FaxJob job = accept(a, nodeA, kept);
    String orphan = a.newFolder();
    a.write(orphan, "message.eml", new ByteArrayInputStream(new byte[] {1}));
    Supplier<Set<String>> referenced = nodeA::spoolFolders;
    assertThat(a.sweepShared(referenced, Duration.ofHours(1).toMillis()))
        .as("young folders stay")
        .isZero();
    // the database clock counts milliseconds: let one pass after the last put
    long until = System.nanoTime() + 1_000_000_000L;
    int swept = 0;
    while (swept == 0 && System.nanoTime() < until) {
      swept = a.sweepShared(referenced, 0);
    }
    assertThat(swept).isEqualTo(1);
    assertThat(nodeB.sharedFiles().size(orphan + "/message.eml")).isEqualTo(-1);
    assertThat(nodeB.sharedFiles().size(job.documents().get(0).path())).isEqualTo(4);
  }

  /** Passes everything to another {@link SharedFiles}. */
  private static class Delegate implements SharedFiles {
    private final SharedFiles d;

    Delegate(SharedFiles d) {
      this.d = d;
    }

    @Override
    public boolean shared() {
      return d.shared();
    }

    @Override
    public void put(String path, Path localFile) throws IOException {
      d.put(path, localFile);
    }

    @Override
    public long size(String path) {
      return d.size(path);
    }

    @Override
    public boolean fetch(String path, OutputStream out) throws IOException {
      return d.fetch(path, out);
    }

    @Override
    public void delete(String path) {
      d.delete(path);
    }

    @Override
    public int deleteFolder(String folder) {
      return d.deleteFolder(folder);
    }

    @Override
    public int sweep(Supplier<Set<String>> referenced, long ageMillis) {
      return d.sweep(referenced, ageMillis);
    }
  }
}
