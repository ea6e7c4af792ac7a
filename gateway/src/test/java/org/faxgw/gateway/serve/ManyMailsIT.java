package org.faxgw.gateway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 200 mails from 4 parallel swaks clients: 200 jobs, none lost. */
class ManyMailsIT {
  @TempDir Path dir;

  @Test
  void twoHundredMailsFromFourClientsMakeTwoHundredJobs() throws Exception {
    int mails = Integer.getInteger("faxgw.manyMails", 200);
    try (TestGateway gw = new TestGateway(dir, null, null)) {
      ExecutorService clients = Executors.newFixedThreadPool(4);
      List<Future<Swaks.Transcript>> sent = new ArrayList<>();
      for (int i = 0; i < mails; i++) {
        String number = String.format("60455%05d", i);
        sent.add(
            clients.submit(
                () ->
                    Swaks.send(gw.smtpPort, number + "@fax.local", "--body", "mail to " + number)));
      }
      clients.shutdown();
      assertThat(clients.awaitTermination(20, TimeUnit.MINUTES)).isTrue();
      for (Future<Swaks.Transcript> f : sent) {
        Swaks.Transcript t = f.get();
        assertThat(t.accepted()).as(t.toString()).isTrue();
      }
      List<JsonNode> jobs = gw.await(mails, TestGateway::rendered);
      assertThat(jobs).hasSize(mails);
      assertThat(jobs.stream().map(j -> j.path("number").asText()).distinct().count())
          .isEqualTo(mails);
      assertThat(jobs).allMatch(j -> j.path("state").asText().equals("ready"));
    }
  }
}
