package org.faxgw.gateway.hfaxd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.faxgw.gateway.accounts.Account;
import org.faxgw.gateway.accounts.AccountLimits;
import org.faxgw.gateway.accounts.PasswordHash;
import org.faxgw.gateway.accounts.Role;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobDocument;
import org.faxgw.queue.JobProgress;
import org.faxgw.queue.JobState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who sees which jobs, documents, received faxes and session logs (hfaxd.recvqVisibleTo). */
class QueueViewsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
  private static final String HASH = PasswordHash.hash("x".toCharArray(), 1000);
  private static final Map<String, String> FORMATS =
      Map.of(
          "JOBFMT", "%j|%o",
          "RCVFMT", "%f|%s",
          "MDMFMT", HfaxdSession.DEFAULT_MDMFMT,
          "FILEFMT", "%f|%o|%s");

  @TempDir Path dir;
  private final Account alice =
      new Account("alice", HASH, Role.USER, List.of(), AccountLimits.NONE);
  private final Account bob = new Account("bob", HASH, Role.USER, List.of(), AccountLimits.NONE);
  private final Account carol =
      new Account("carol", HASH, Role.ADMIN, List.of(), AccountLimits.NONE);
  private List<FaxJob> jobs;

  private static FaxJob job(long id, String owner, JobState state, String commId) {
    return new FaxJob(
        id,
        id,
        owner,
        "+16045557977",
        "16045557977",
        127,
        state,
        1,
        1,
        12,
        1,
        3,
        null,
        T0.plus(Duration.ofHours(3)),
        "",
        T0,
        null,
        "failed",
        "fine",
        "",
        "m" + id,
        "m" + id + "/fax.tif",
        List.of(new JobDocument(JobDocument.DOCUMENT, "m" + id + "/doc-1-doc1.ps", null, "a.ps")),
        List.of(),
        new JobProgress(1, 14400, "MH", false, "", 1000, commId, ""));
  }

  @BeforeEach
  void setUp() throws Exception {
    jobs =
        List.of(
            job(1, "alice", JobState.DONE, "000000011"),
            job(2, "bob", JobState.READY, "000000012"));
    for (FaxJob j : jobs) {
      Path d = Files.createDirectories(dir.resolve("spool").resolve(j.spoolDir()));
      Files.writeString(d.resolve("doc-1-doc1.ps"), "%!PS job " + j.id() + "\n");
    }
    Path log = Files.createDirectories(dir.resolve("log"));
    for (String c : List.of("000000011", "000000012", "000000013")) {
      Files.writeString(log.resolve("c" + c), "session " + c + "\n");
    }
    Files.writeString(log.resolve("c000000013.rx.slin"), "audio");
    Path recvq = Files.createDirectories(dir.resolve("recvq"));
    Files.write(
        recvq.resolve("fax000000013.tif"),
        org.faxgw.fixtures.RecordedCalls.receivedTiff("s-v17-ecm-mmr-alaw-3p"));
  }

  private org.faxgw.queue.DocumentSpool spool() {
    try {
      return new org.faxgw.queue.DocumentSpool(dir.resolve("spool"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private QueueViews views(Account user, boolean recvqForAll) {
    HfaxdSettings s =
        new HfaxdSettings(
            new InetSocketAddress("127.0.0.1", 0),
            Duration.ofSeconds(900),
            Duration.ofSeconds(7200),
            Duration.ofSeconds(60),
            1 << 20,
            5,
            5,
            Duration.ofSeconds(60),
            dir.resolve("tmp"),
            dir.resolve("recvq"),
            "fax.example",
            spool(),
            dir.resolve("log"),
            recvqForAll);
    return new QueueViews(s, new Jobs(jobs), user);
  }

  private static List<String> list(QueueViews v, String dir) throws Exception {
    return v.listing(dir, false, FORMATS, ZoneOffset.UTC);
  }

  @Test
  void aUserSeesTheirOwnJobsAndDocumentsAnAdminAll() throws Exception {
    assertThat(list(views(alice, true), "doneq")).containsExactly("1|alice");
    assertThat(list(views(alice, true), "sendq")).isEmpty();
    assertThat(list(views(bob, true), "sendq")).containsExactly("2|bob");
    assertThat(list(views(carol, false), "sendq")).containsExactly("2|bob");
    assertThat(list(views(alice, true), "docq")).containsExactly("doc1_1.ps|alice|11");
    assertThat(list(views(carol, false), "docq"))
        .containsExactly("doc1_1.ps|alice|11", "doc2_1.ps|bob|11");
    assertThat(Files.readString(views(alice, false).retrievable("docq/doc1_1.ps")))
        .isEqualTo("%!PS job 1\n");
    assertThatThrownBy(() -> views(alice, true).retrievable("docq/doc2_1.ps"))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("No such file");
  }

  @Test
  void receivedFaxesAreForAdminsByDefault() throws Exception {
    assertThat(list(views(alice, false), "recvq")).isEmpty();
    assertThatThrownBy(() -> views(alice, false).retrievable("recvq/fax000000013.tif"))
        .isInstanceOf(Refusal.class)
        .hasMessageContaining("Permission denied");
    assertThat(list(views(carol, false), "recvq"))
        .singleElement()
        .asString()
        .startsWith("fax000000013.tif|");
    assertThat(views(carol, false).retrievable("recvq/fax000000013.tif")).exists();
  }

  @Test
  void receivedFaxesAreForEveryUserWithRecvqVisibleToAll() throws Exception {
    assertThat(list(views(alice, true), "recvq"))
        .singleElement()
        .asString()
        .startsWith("fax000000013.tif|");
    assertThat(views(bob, true).retrievable("recvq/fax000000013.tif")).exists();
  }

  @Test
  void sessionLogsFollowTheirCalls() throws Exception {
    // alice: her job's call; the received call's only when recvq is visible to all
    assertThat(v(alice, false)).containsExactly("c000000011");
    assertThat(v(alice, true)).containsExactly("c000000011", "c000000013");
    assertThat(v(bob, false)).containsExactly("c000000012");
    assertThat(v(carol, false)).containsExactly("c000000011", "c000000012", "c000000013");
    assertThat(Files.readString(views(alice, false).retrievable("log/c000000011")))
        .isEqualTo("session 000000011\n");
    for (String forbidden :
        List.of(
            "log/c000000012",
            "log/c000000013",
            "log/c000000013.rx.slin",
            "log/../recvq/fax000000013.tif")) {
      assertThatThrownBy(() -> views(alice, false).retrievable(forbidden))
          .as(forbidden)
          .isInstanceOf(Refusal.class);
    }
  }

  private List<String> v(Account a, boolean all) throws Exception {
    return views(a, all).listing("log", true, FORMATS, ZoneOffset.UTC);
  }

  /** The jobs the views read; nothing else is asked of the queue. */
  private static final class Jobs implements JobControl {
    private final List<FaxJob> all;

    Jobs(List<FaxJob> all) {
      this.all = all;
    }

    @Override
    public List<FaxJob> list(Set<JobState> states) {
      return all.stream().filter(j -> states.contains(j.state())).toList();
    }

    @Override
    public Optional<FaxJob> find(long id) {
      return all.stream().filter(j -> j.id() == id).findFirst();
    }

    @Override
    public Optional<FaxJob> remove(long id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<FaxJob> submit(
        String owner,
        List<String> numbers,
        List<LocalDocument> documents,
        String cover,
        String resolution,
        String notify,
        Instant sendAt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long reserveId() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<FaxJob> submit(
        long reservedId,
        String owner,
        String number,
        List<LocalDocument> documents,
        String resolution,
        String notify,
        Instant sendAt,
        Limits limits) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean alter(FaxJob next, JobState expected) {
      throw new UnsupportedOperationException();
    }
  }
}
