package org.faxgw.gateway;

import java.util.ArrayList;
import java.util.List;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.ConfiguredCommand;
import org.faxgw.gateway.config.FaxgwConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code faxgw faxrm}: remove jobs and their spooled files, as HylaFAX's faxrm. */
@Command(
    name = "faxrm",
    mixinStandardHelpOptions = true,
    description = "Remove jobs (and their spooled documents) from the queue.")
public final class FaxrmCommand extends ConfiguredCommand {
  @Parameters(paramLabel = "JID", arity = "1..*", description = "Job ids.")
  List<Long> ids = new ArrayList<>();

  @Override
  protected int run(FaxgwConfig c) throws Exception {
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
