package org.faxgw.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.faxgw.queue.PostgresJobStore;
import org.faxgw.queue.PostgresSettings;
import org.faxgw.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faxgw faxrcvd} with {@code store: postgresql} numbers the fax from the cluster's CommID
 * sequence (a private PostgreSQL, {@link PostgresCluster}), as a node's line does, not from its own
 * data folder's {@code commid.seq}.
 */
class FaxrcvdClusterIT {
  private static PostgresCluster cluster;
  @TempDir Path tmp;

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

  @Test
  void faxrcvdOnPostgresqlTakesItsCommIdFromTheClustersSequence() throws Exception {
    String db = cluster.createDatabase();
    Path cfg = tmp.resolve("faxgw.yaml");
    Files.writeString(
        cfg,
        "dataDir: "
            + tmp.resolve("data")
            + "\nstore:\n  type: postgresql\n  postgresql:\n    url: "
            + cluster.jdbcUrl(db)
            + "\n    user: "
            + PostgresCluster.USER
            + "\n    password: \""
            + cluster.password()
            + "\"\n    poolSize: 2\n"
            + "egress:\n  from: \"Fax Gateway <fax@gw.example>\"\n"
            + "routing:\n  faxmaster: fm@example.com\n"
            + FaxrcvdIT.RULES);
    PostgresSettings settings =
        new PostgresSettings(
            cluster.jdbcUrl(db),
            PostgresCluster.USER,
            cluster.password(),
            2,
            PostgresSettings.LeaseClock.DATABASE);
    Path tif = Tools.fixture(tmp, "fax000000011.tif");
    List<String> seen = new ArrayList<>();
    try (PostgresJobStore node = PostgresJobStore.open(settings)) {
      for (int round = 0; round < 2; round++) {
        // another node numbers a call first
        seen.add(String.format("%09d", node.nextCommId()));
        Tools.Run r =
            Tools.faxgw(
                "faxrcvd", tif.toString(), "--did", "6045557977", "--config", cfg.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        String commId = commIdOf(r.out());
        assertThat(Long.parseLong(commId))
            .as("the next number of the shared sequence")
            .isEqualTo(Long.parseLong(seen.get(seen.size() - 1)) + 1);
        seen.add(commId);
      }
      assertThat(seen).doesNotHaveDuplicates();
      assertThat(Long.parseLong(String.format("%d", node.nextCommId())))
          .isGreaterThan(Long.parseLong(seen.get(seen.size() - 1)));
    }
    assertThat(tmp.resolve("data/commid.seq")).doesNotExist();
    assertThat(tmp.resolve("data/recvq/fax" + seen.get(1) + ".tif")).exists();
    assertThat(tmp.resolve("data/recvq/fax" + seen.get(3) + ".tif")).exists();
  }

  private static String commIdOf(String summary) {
    return summary
        .lines()
        .filter(l -> l.trim().startsWith("CommID:"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no CommID in " + summary))
        .trim()
        .substring("CommID:".length())
        .trim();
  }
}
