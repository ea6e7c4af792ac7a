package org.faxgw.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.faxgw.gateway.admin.AdminClient;
import org.faxgw.gateway.config.ConfiguredCommand;
import org.faxgw.gateway.config.FaxgwConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faxgw sendfax}: queue local files for one or more numbers, as HylaFAX's sendfax. */
@Command(
    name = "sendfax",
    mixinStandardHelpOptions = true,
    description =
        "Queue FILEs to be faxed to each NUMBER (through the running server's admin API).")
public final class SendfaxCommand extends ConfiguredCommand {
  @Option(names = "-n", description = "No cover page.")
  boolean noCover;

  @Option(
      names = "-d",
      paramLabel = "NUMBER",
      required = true,
      description = "Destination; repeat for several.")
  List<String> numbers = new ArrayList<>();

  @Option(names = "-m", description = "Fine resolution (204x196).")
  boolean fine;

  @Option(names = "-l", description = "Normal resolution (204x98).")
  boolean normal;

  @Option(names = "-c", paramLabel = "TEXT", description = "Comments for the cover page.")
  String comments;

  @Option(names = "-D", description = "Notify when done.")
  boolean notifyDone;

  @Option(names = "-R", description = "Notify when done and on requeue (all).")
  boolean notifyAll;

  @Option(
      names = "-a",
      paramLabel = "RFC3339",
      description = "Send at this time, e.g. 2026-05-01T09:30:00Z.")
  String sendAt;

  @Option(
      names = "--capture",
      description =
          "Capture the calls of these jobs (both directions of the audio beside the session log,"
              + " for faxgw analyze; faxstat says where).")
  boolean capture;

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "Documents (PDF, PostScript, TIFF, PNG, JPEG, GIF, text).")
  List<Path> files = new ArrayList<>();

  @Override
  protected int run(FaxgwConfig c) throws Exception {
    String user = System.getProperty("user.name", "unknown");
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        System.err.println("sendfax: " + f + ": no such file");
        return 1;
      }
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", f.getFileName().toString());
      d.put("contentType", null);
      d.put("data", Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
      docs.add(d);
    }
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("owner", user);
    req.put("numbers", numbers);
    req.put(
        "cover",
        noCover
            ? null
            : "Fax from "
                + user
                + "\n\n"
                + (comments == null ? "" : comments + "\n\n")
                + files.size()
                + " document(s) follow.");
    req.put("resolution", fine ? "fine" : normal ? "normal" : null);
    req.put("notify", notifyAll ? "all" : notifyDone ? "done" : null);
    req.put("sendAt", sendAt);
    req.put("documents", docs);
    if (capture) {
      req.put("capture", true);
    }
    AdminClient.Reply r = new AdminClient(c.admin().listen()).post("/v1/jobs", req);
    if (!r.ok()) {
      System.err.println("sendfax: " + r.error());
      return 1;
    }
    String host = r.body().path("host").asText();
    for (JsonNode j : r.body().path("jobs")) {
      System.out.println(
          "request id is "
              + j.path("jid").asLong()
              + " (group id "
              + j.path("groupId").asLong()
              + ") for host "
              + host
              + " ("
              + files.size()
              + (files.size() == 1 ? " file)" : " files)"));
    }
    return 0;
  }
}
