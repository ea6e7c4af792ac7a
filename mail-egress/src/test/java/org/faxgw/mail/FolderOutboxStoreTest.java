package org.faxgw.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox storage contract on the folder of one node ({@code <dataDir>/outbox/}). */
class FolderOutboxStoreTest extends OutboxStoreContract {
  @TempDir Path tmp;

  @Override
  protected OutboxStore newStore() throws Exception {
    return new FolderOutboxStore(tmp.resolve("outbox"));
  }

  @Override
  protected OutboxStore reopen() throws Exception {
    return new FolderOutboxStore(tmp.resolve("outbox"));
  }

  @Test
  void aDeadMailGoesToTheDeadFolder() throws Exception {
    store.add(mail("dead", "fm@example.com"), T0);
    OutboxStore.Claim c = claimPass(store, T0, false).get(0);
    store.keepDead(c, java.util.List.of("fm@example.com"), "550 no such user");
    FolderOutboxStore f = (FolderOutboxStore) store;
    assertThat(f.dead()).hasSize(1);
    assertThat(Files.readString(tmp.resolve("outbox/dead/" + c.entry().id() + ".txt")))
        .contains("550 no such user");
  }
}
