package org.faxgw.gateway.probe;

import java.util.concurrent.Callable;
import org.faxgw.gateway.config.HostPort;
import org.faxgw.gateway.config.Iax2Section;
import org.faxgw.iax2.MediaFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faxgw iax2 probe HOST[:PORT]}: one test call, its ladder and what was heard. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Places one IAX2 call to HOST[:PORT] (default port 4569), prints the signalling ladder,",
      "the codec, the round-trip time and what it heard (CED/CNG tones, V.21 T.30 frames),",
      "then hangs up.",
      "Exit codes: 0 answered, 1 refused or ended by the far end before the answer,",
      "2 no answer (nothing came back), 3 internal error, 64 usage."
    })
public final class Iax2ProbeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "the IAX2 peer to call")
  String target;

  @Option(
      names = "--number",
      defaultValue = "",
      description = "number to dial (CALLED NUMBER), default none")
  String number;

  @Option(
      names = "--codec",
      defaultValue = "alaw",
      description = "alaw, ulaw or slinear (default ${DEFAULT-VALUE})")
  String codec;

  @Option(names = "--user", defaultValue = "", description = "USERNAME to send")
  String user;

  @Option(
      names = "--secret",
      defaultValue = "",
      description = "secret for the peer's MD5 challenge (or $FAXGW_PROBE_SECRET)")
  String secret;

  @Option(
      names = "--seconds",
      defaultValue = "10",
      description = "how long to listen once answered (default ${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--timeout",
      defaultValue = "15",
      description = "seconds to wait for the answer (default ${DEFAULT-VALUE})")
  int timeout;

  @Option(
      names = "--send",
      defaultValue = "cng",
      description = "what we send once answered: cng (as a calling fax) or silence")
  String send;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    MediaFormat format = Iax2Section.codecOf(codec);
    if (format == null) {
      err.println("faxgw iax2 probe: --codec must be alaw, ulaw or slinear, not " + codec);
      return Iax2Probe.EXIT_USAGE;
    }
    if (!send.equals("cng") && !send.equals("silence")) {
      err.println("faxgw iax2 probe: --send must be cng or silence, not " + send);
      return Iax2Probe.EXIT_USAGE;
    }
    if (seconds < 1 || seconds > 600 || timeout < 1 || timeout > 600) {
      err.println("faxgw iax2 probe: --seconds and --timeout must be within 1..600");
      return Iax2Probe.EXIT_USAGE;
    }
    HostPort hp;
    try {
      hp = HostPort.parse(target.contains(":") ? target : target + ":4569");
    } catch (IllegalArgumentException e) {
      err.println("faxgw iax2 probe: " + e.getMessage());
      return Iax2Probe.EXIT_USAGE;
    }
    String s = secret.isEmpty() ? System.getenv().getOrDefault("FAXGW_PROBE_SECRET", "") : secret;
    Iax2Probe.Options o =
        new Iax2Probe.Options(
            hp.host(), hp.port(), number, format, user, s, seconds, timeout, send.equals("cng"));
    return new Iax2Probe(o, out, err).run();
  }
}
