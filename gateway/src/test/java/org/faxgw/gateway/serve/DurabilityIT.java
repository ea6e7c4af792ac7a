package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "250 only after the message and its job are durable" (ARCHITECTURE.md rule 8), proved from the
 * outside: {@code faxgw serve} runs under {@code strace -f}, and the system calls show the spool
 * files and the database commit fsynced before the 250 is written to the client's socket. And a
 * kill -9 at the moment between the fsync and the 250 (the test-only fault point {@code
 * -Dfaxgw.faultPoint=smtp.before250}) leaves one job, which the client's retry of the same message
 * (same Message-ID) does not double.
 */
class DurabilityIT {
  private static final String MESSAGE_ID = "<durability-1@example.com>";

  @TempDir Path dir;

  private Path config;
  private int smtp;
  private int adminPort;

  private void configure() throws Exception {
    smtp = TestGateway.freePort();
    adminPort = TestGateway.freePort();
    config = dir.resolve("faxgw.yaml");
    Files.writeString(config, TestGateway.yaml(dir, smtp, adminPort, null, null));
  }

  private Swaks.Transcript send(Path pdf) throws Exception {
    return Swaks.send(
        smtp,
        "6045557977@fax.local",
        "--header",
        "Message-Id: " + MESSAGE_ID,
        "--attach-type",
        "application/pdf",
        "--attach",
        pdf.toString(),
        "--add-header",
        "X-Fax-Cover: no");
  }

  @Test
  void theSpoolFilesAndTheJobCommitAreFsyncedBeforeThe250IsWritten() throws Exception {
    configure();
    Path pdf = Tools.pdf(dir, "doc.pdf", 2);
    Path trace = dir.resolve("strace.txt");
    List<String> strace =
        List.of(
            "strace",
            "-f",
            "-qq",
            "-yy",
            "-s",
            "64",
            "-e",
            "trace=fsync,fdatasync,write,pwrite64,sendto,sendmsg,rename,renameat,renameat2",
            "-o",
            trace.toString());
    JsonNode job;
    try (GatewayProcess gw = new GatewayProcess(dir, config, adminPort, "-Xmx256m", strace)) {
      Swaks.Transcript t = send(pdf);
      assertThat(t.accepted()).as(t.toString()).isTrue();
      List<JsonNode> jobs = TestGateway.jobs(gw.admin);
      assertThat(jobs).hasSize(1);
      job = jobs.get(0);
      // kill -9 the gateway's JVM; strace then writes its last lines and ends by itself
      gw.process.descendants().forEach(ProcessHandle::destroyForcibly);
      assertThat(gw.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    SyscallTrace calls = SyscallTrace.read(trace);
    int reply = calls.firstWriteToSocketStartingWith("250 2.0.0 Ok: queued");
    assertThat(reply).as("the 250 written to the SMTP socket").isGreaterThanOrEqualTo(0);

    List<Path> files = new ArrayList<>();
    for (JsonNode d : job.path("documents")) {
      files.add(Path.of(d.path("path").asText()));
    }
    assertThat(files).isNotEmpty();
    files.add(files.get(0).resolveSibling("message.eml"));
    int lastFolderSync = -1;
    for (Path f : files) {
      String temp = f + ".part";
      int synced = calls.lastCompletedBefore(reply, "fsync", temp);
      assertThat(synced).as("fsync of %s before the 250", temp).isGreaterThanOrEqualTo(0);
      int renamed = calls.renameBefore(reply, temp, f.toString());
      assertThat(renamed).as("rename %s -> %s after its fsync", temp, f).isGreaterThan(synced);
      int folder = calls.lastCompletedBefore(reply, "fsync", f.getParent().toString());
      assertThat(folder)
          .as("fsync of the folder %s after the rename", f.getParent())
          .isGreaterThan(renamed);
      lastFolderSync = Math.max(lastFolderSync, folder);
    }
    String wal = dir.resolve("var").resolve("faxgw.db-wal").toString();
    // the job's commit is the SMTP session thread's (the one that writes the 250); other threads
    // (a render thread claiming the new job) may write the WAL in between
    int session = calls.pidAt(reply);
    int commitWrite = calls.lastCompletedBefore(reply, "pwrite64", wal, session);
    assertThat(commitWrite)
        .as("the job's commit written to the WAL after the spool was synced")
        .isGreaterThan(lastFolderSync);
    int commitSync =
        Math.max(
            calls.lastCompletedBefore(reply, "fsync", wal, session),
            calls.lastCompletedBefore(reply, "fdatasync", wal, session));
    assertThat(commitSync)
        .as("the WAL fsynced after the commit and before the 250")
        .isGreaterThan(commitWrite);
  }

  @Test
  void aKillMinus9BetweenTheFsyncAndThe250LeavesOneJobThatTheRetryDoesNotDouble() throws Exception {
    configure();
    Path pdf = Tools.pdf(dir, "doc.pdf", 2);
    Swaks.Transcript cut;
    try (GatewayProcess first =
        new GatewayProcess(dir, config, adminPort, "-Xmx256m -Dfaxgw.faultPoint=smtp.before250")) {
      CompletableFuture<Swaks.Transcript> sending =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return send(pdf);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      first.awaitLine("faxgw: fault point smtp.before250 reached", 120);
      first.kill();
      cut = sending.get(300, TimeUnit.SECONDS);
    }
    assertThat(cut.accepted() || cut.replied("250 2.0.0 Ok")).as(cut.toString()).isFalse();
    try (GatewayProcess second = new GatewayProcess(dir, config, adminPort, "-Xmx256m")) {
      List<JsonNode> jobs = TestGateway.await(second.admin, 1, TestGateway::rendered);
      assertThat(jobs).hasSize(1);
      assertThat(jobs.get(0).path("state").asText()).as(jobs.toString()).isEqualTo("ready");
      // The client never saw 250, so it sends the message again: the same Message-ID to the
      // same number makes no second job.
      Swaks.Transcript retry = send(pdf);
      assertThat(retry.replied("250 2.6.0")).as(retry.toString()).isTrue();
      assertThat(TestGateway.jobs(second.admin)).hasSize(1);
    }
  }
}
