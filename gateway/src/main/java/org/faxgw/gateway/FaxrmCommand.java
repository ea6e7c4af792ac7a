package org.faxgw.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.ConfigOption;
import org.faxgw.gateway.config.FaxgwConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code faxgw faxrm}: remove jobs and their spooled files, as HylaFAX's faxrm. */
@Command(
    name = "faxrm",
    mixinStandardHelpOptions = true,
    description = "Remove jobs (and their spooled documents) from the queue.")
public final class FaxrmCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Parameters(paramLabel = "JID", arity = "1..*", description = "Job ids.")
  List<Long> ids = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Optional<FaxgwConfig> loaded = config.loadOrReport();
    if (loaded.isEmpty()) {
      return ConfigOption.EXIT_BAD_CONFIG;
    }
    FaxgwConfig c = loaded.get();
    AdminClient client = new AdminClient(c.admin().listen());
    int rc = 0;
    for (long id : ids) {
      AdminClient.Reply r = client.delete("/v1/jobs/" + id);
      if (r.ok()) {
        System.out.println("Job " + id + " removed.");
      } else {
        System.err.println("faxrm: job " + id + ": " + r.error());
        rc = 1;
      }
    }
    return rc;
  }
}
