package org.faxgw.gateway;

import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.ConfiguredCommand;
import org.faxgw.gateway.config.FaxgwConfig;
import picocli.CommandLine.Command;

/** {@code faxgw reload}: the running gateway re-reads its configuration file (as SIGHUP). */
@Command(
    name = "reload",
    mixinStandardHelpOptions = true,
    description =
        "Make the running gateway re-read its configuration without dropping calls: dialing,"
            + " routing, outbound policy, smtp.users, IAX2 peers and users, fax lines, tagline,"
            + " senderIds, inbound limits and capture change, and the accounts file is read again;"
            + " other changes (listen addresses, dataDir, store, ...) are named as needing a"
            + " restart and not applied. A file with errors is refused and the running"
            + " configuration stays.")
public final class ReloadCommand extends ConfiguredCommand {
  @Override
  protected int run(FaxgwConfig c) throws Exception {
    AdminClient.Reply r =
        new AdminClient(c.admin().listen()).post("/v1/reload", java.util.Map.of());
    if (r.ok()) {
      System.out.println("faxgw reload: " + r.body().path("reloaded").asText());
      return 0;
    }
    System.err.println("faxgw reload: refused: " + r.error());
    return 1;
  }
}
