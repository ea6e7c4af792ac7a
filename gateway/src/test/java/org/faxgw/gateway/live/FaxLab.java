package org.faxgw.gateway.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A live iaxmodem + HylaFAX lab on 127.0.0.1 for integration tests, private to one test run.
 *
 * <ul>
 *   <li>Each lab has its own HylaFAX spool in a temporary folder. Every HylaFAX process (faxgetty,
 *       faxq, hfaxd and the faxsend that faxq forks) runs in its own mount namespace in which that
 *       folder is bind-mounted on {@code /var/spool/hylafax}: HylaFAX's compiled-in spool (faxsend
 *       has no {@code -q}) is the private one, and the system spool and {@code /etc/hylafax} are
 *       never touched.
 *   <li>iaxmodem reads only {@code /etc/iaxmodem/<name>}: each modem gets a name unique to this JVM
 *       and lab ({@code ttyFG<pid><lab><n>}), removed again on close, and a UDP port chosen free.
 *   <li>{@link #close} stops exactly the processes this lab started (faxgetty before iaxmodem,
 *       which will not exit while its pty is held), removes its files, and deletes the spool unless
 *       {@code -Dfaxgw.lab.keep=true}. A shutdown hook does the same if the JVM ends first.
 * </ul>
 *
 * Needs root (iaxmodem's pty and {@code /etc/iaxmodem}, the mount namespaces) and the Debian
 * packages iaxmodem, hylafax-server, hylafax-client (bin/install-test-deps). Not thread-safe: one
 * test thread drives a lab.
 */
public final class FaxLab implements AutoCloseable {
  /** Where HylaFAX looks for its spool; inside the lab's namespaces it is the private one. */
  static final String SYSTEM_SPOOL = "/var/spool/hylafax";

  private static final AtomicInteger LABS = new AtomicInteger();
  private static final Pattern REQUEST_ID = Pattern.compile("request id is (\\d+)");

  private final Path root;
  private final Path spool;
  private final String tag;
  private final List<LabProcess> processes = new ArrayList<>();
  private final List<Path> systemFiles = new ArrayList<>();
  private final List<IaxModem> modems = new ArrayList<>();
  private final Thread shutdownHook;
  private int hfaxdPort;
  private boolean closed;

  private FaxLab(Path root, String tag) {
    this.root = root;
    this.spool = root.resolve("spool");
    this.tag = tag;
    this.shutdownHook = new Thread(this::stopAll, "faxlab-cleanup-" + tag);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Creates a lab with an empty private spool (nothing is started yet). */
  public static FaxLab create() {
    requireRoot();
    String tag =
        ProcessHandle.current().pid() % 100000 + "" + (char) ('a' + LABS.getAndIncrement() % 26);
    try {
      Path root = Files.createTempDirectory("faxgw-lab-" + tag + "-");
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
      FaxLab lab = new FaxLab(root, tag);
      lab.makeSpool();
      return lab;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireRoot() {
    try {
      Process p = new ProcessBuilder("id", "-u").start();
      String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (!uid.equals("0")) {
        throw new IllegalStateException(
            "the iaxmodem/HylaFAX lab must run as root (CI does): uid is " + uid);
      }
      for (String bin :
          List.of("/usr/bin/iaxmodem", "/usr/sbin/faxgetty", "/usr/sbin/faxq", "/usr/sbin/hfaxd")) {
        if (!Files.isExecutable(Path.of(bin))) {
          throw new IllegalStateException(bin + " is missing: run bin/install-test-deps");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The private spool (as seen from outside the lab's namespaces). */
  public Path spool() {
    return spool;
  }

  /** The lab's folder (logs of every daemon are in {@code logs/}). */
  public Path root() {
    return root;
  }

  private void makeSpool() throws IOException {
    for (String d :
        List.of(
            "archive", "bin", "client", "config", "dev", "docq", "doneq", "etc", "info", "log",
            "pollq", "recvq", "sendq", "status", "tmp")) {
      Files.createDirectories(spool.resolve(d));
    }
    Files.createDirectories(root.resolve("logs"));
    Path system = Path.of(SYSTEM_SPOOL);
    // Real files, not links: inside the namespace /var/spool/hylafax is this folder.
    copyFlat(system.resolve("bin"), spool.resolve("bin"));
    copyFlat(system.resolve("config"), spool.resolve("config"));
    copyFlat(Path.of("/etc/hylafax"), spool.resolve("etc"));
    write(
        "bin/faxrcvd-lab",
        "#!/bin/sh\necho \"$(date '+%F %T') faxrcvd $*\" >> log/lab-notify.log\nexit 0\n");
    write(
        "bin/notify-lab",
        "#!/bin/sh\necho \"$(date '+%F %T') notify $*\" >> log/lab-notify.log\nexit 0\n");
    for (String s : List.of("bin/faxrcvd-lab", "bin/notify-lab")) {
      Files.setPosixFilePermissions(spool.resolve(s), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    write(
        "etc/config",
        String.join(
            "\n",
            "# faxq of the faxgw live test lab",
            "LogFacility: daemon",
            "CountryCode: 1",
            "AreaCode: 555",
            "LongDistancePrefix: 1",
            "InternationalPrefix: 011",
            "DialStringRules: etc/dialrules",
            "ServerTracing: 0x00001",
            "NotifyCmd: bin/notify-lab",
            // Debian's /usr/sbin/faxsend is a wrapper that bind-mounts /etc/hylafax over etc/.
            "SendFaxCmd: /usr/lib/hylafax/bin/faxsend",
            "MaxTries: 1",
            "MaxDials: 1",
            ""));
    write("etc/hosts.hfaxd", "127.0.0.1\nlocalhost\n");
    // log/seqf owned by uucp before the first faxsend (which runs as root) creates it 0600 root.
    write("log/seqf", "0");
    run(List.of("chown", "-R", "uucp:uucp", spool.toString()), Duration.ofSeconds(30));
    Files.setPosixFilePermissions(
        spool.resolve("etc/hosts.hfaxd"), PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwxrwxr-x"));
    Files.setPosixFilePermissions(
        spool.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
    mkfifo("FIFO");
  }

  private static void copyFlat(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) { // follows links
          Files.copy(f, to.resolve(f.getFileName().toString()));
          if (Files.isExecutable(f)) {
            Files.setPosixFilePermissions(
                to.resolve(f.getFileName().toString()),
                PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    }
  }

  private void write(String rel, String text) throws IOException {
    Files.writeString(spool.resolve(rel), text, StandardCharsets.ISO_8859_1);
  }

  private void mkfifo(String rel) throws IOException {
    Path p = spool.resolve(rel);
    if (!Files.exists(p)) {
      run(List.of("mkfifo", "-m", "600", p.toString()), Duration.ofSeconds(10));
      run(List.of("chown", "uucp:uucp", p.toString()), Duration.ofSeconds(10));
    }
  }

  /** The command line that runs {@code command} with the private spool on /var/spool/hylafax. */
  private List<String> inSpool(List<String> command) {
    List<String> c = new ArrayList<>();
    c.addAll(
        List.of(
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount --bind \"$0\" " + SYSTEM_SPOOL + " && cd " + SYSTEM_SPOOL + " && exec \"$@\"",
            spool.toString()));
    c.addAll(command);
    return c;
  }

  /**
   * Starts an iaxmodem with this configuration (config file, pty, UDP port bound) and returns it;
   * no fax server owns its pty yet.
   */
  public IaxModem startModem(IaxModemConfig config) {
    String name = "ttyFG" + tag + modems.size();
    Path conf = Path.of("/etc/iaxmodem", name);
    try {
      Files.createDirectories(conf.getParent());
      systemFiles.add(conf);
      systemFiles.add(Path.of("/dev", name));
      Files.writeString(conf, config.fileText("/dev/" + name), StandardCharsets.US_ASCII);
      Path log = root.resolve("logs/iaxmodem-" + name + ".log");
      LabProcess p =
          LabProcess.start(
              "iaxmodem " + name,
              root,
              log,
              List.of("stdbuf", "-oL", "-eL", "/usr/bin/iaxmodem", name));
      processes.add(p);
      IaxModem m = new IaxModem(name, config, p);
      modems.add(m);
      await(
          "iaxmodem " + name + " ready (pty and UDP " + config.port() + ")",
          Duration.ofSeconds(15),
          () ->
              !p.alive()
                  || (Files.exists(Path.of("/dev", name)) && LabPorts.udpBound(config.port())),
          p);
      if (!p.alive()) {
        throw new IllegalStateException("iaxmodem " + name + " ended:\n" + p.output());
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts HylaFAX's faxgetty on the modem's pty with this profile, answering on the first ring,
   * and waits until the modem is idle and past iaxmodem's 5 s busy-out after faxgetty's ATH0.
   */
  public void startFaxgetty(IaxModem modem, ModemProfile profile, String faxNumber) {
    String dev = modem.device();
    try {
      List<String> lines = new ArrayList<>();
      lines.add("# faxgetty of the faxgw live test lab");
      lines.add("CountryCode: 1");
      lines.add("AreaCode: 555");
      lines.add("FAXNumber: " + faxNumber);
      lines.add("LongDistancePrefix: 1");
      lines.add("InternationalPrefix: 011");
      lines.add("DialStringRules: etc/dialrules");
      lines.add("ServerTracing: 0x00001");
      lines.add("SessionTracing: 0x4F");
      lines.add("RecvFileMode: 0644");
      lines.add("LogFileMode: 0644");
      lines.add("DeviceMode: 0600");
      lines.add("RingsBeforeAnswer: 1");
      lines.add("SpeakerVolume: off");
      lines.add("LocalIdentifier: \"" + faxNumber + "\"");
      lines.add("TagLineFont: etc/lutRS18.pcf");
      lines.add("MaxRecvPages: 50");
      lines.add("FaxRcvdCmd: bin/faxrcvd-lab");
      lines.add("JobReqNoAnswer: 30");
      lines.add("JobReqNoCarrier: 30");
      lines.add("JobReqProto: 30");
      for (String l : Files.readAllLines(spool.resolve("config/iaxmodem"))) {
        if (!l.startsWith("# CONFIG:")) {
          lines.add(l);
        }
      }
      lines.addAll(profile.configLines());
      lines.add("");
      write("etc/config." + dev, String.join("\n", lines));
      run(
          List.of("chown", "uucp:uucp", spool.resolve("etc/config." + dev).toString()),
          Duration.ofSeconds(10));
      mkfifo("FIFO." + dev);
      LabProcess p =
          LabProcess.start(
              "faxgetty " + dev,
              root,
              root.resolve("logs/faxgetty-" + dev + ".log"),
              inSpool(List.of("/usr/sbin/faxgetty", dev)));
      processes.add(p);
      modem.faxgetty = p;
      await(
          "faxgetty " + dev + " idle",
          Duration.ofSeconds(60),
          () -> !p.alive() || modemStatus(dev).contains("idle"),
          p);
      if (!p.alive()) {
        throw new IllegalStateException("faxgetty " + dev + " ended:\n" + p.output());
      }
      // NOTES §9.10: iaxmodem answers Busy for 5 s after any ATH0 (faxgetty's initialisation).
      pause(Duration.ofMillis(5500));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What faxgetty says about the modem (spool {@code status/<dev>}), empty when nothing yet. */
  public String modemStatus(String dev) {
    try {
      Path s = spool.resolve("status").resolve(dev);
      return Files.exists(s) ? Files.readString(s, StandardCharsets.ISO_8859_1).trim() : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Starts faxq and hfaxd (on a free TCP port of 127.0.0.1), so {@link #sendfax} can submit. */
  public void startQueue() {
    try {
      LabProcess faxq =
          LabProcess.start(
              "faxq",
              root,
              root.resolve("logs/faxq.log"),
              inSpool(List.of("/usr/sbin/faxq", "-D")));
      processes.add(faxq);
      hfaxdPort = LabPorts.freeTcpPort();
      LabProcess hfaxd =
          LabProcess.start(
              "hfaxd",
              root,
              root.resolve("logs/hfaxd.log"),
              inSpool(
                  List.of(
                      "/usr/sbin/hfaxd",
                      "-d",
                      "-l",
                      "127.0.0.1",
                      "-i",
                      Integer.toString(hfaxdPort))));
      processes.add(hfaxd);
      await(
          "hfaxd on 127.0.0.1:" + hfaxdPort,
          Duration.ofSeconds(15),
          () -> !hfaxd.alive() || LabPorts.tcpListening(hfaxdPort),
          hfaxd);
      if (!hfaxd.alive() || !faxq.alive()) {
        throw new IllegalStateException(
            "faxq/hfaxd ended:\n" + faxq.output() + "\n" + hfaxd.output());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Submits a fax with HylaFAX's {@code sendfax} through this lab's hfaxd, to go out on {@code
   * modem}; returns the job id. Options as in the interop recipe: no cover, no notification, one
   * try, one dial, A4.
   */
  public int sendfax(IaxModem modem, String number, Path document, String... options) {
    if (hfaxdPort == 0) {
      throw new IllegalStateException("startQueue() first");
    }
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            "sendfax",
            "-n",
            "-N",
            "-t",
            "1",
            "-T",
            "1",
            "-s",
            "a4",
            "-h",
            modem.device() + "@127.0.0.1:" + hfaxdPort));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("-d", number, document.toString()));
    String out = run(cmd, Duration.ofSeconds(60));
    Matcher m = REQUEST_ID.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("sendfax gave no request id:\n" + out);
    }
    return Integer.parseInt(m.group(1));
  }

  /** True once job {@code id} is in doneq (it ended, well or not). */
  public boolean jobDone(int id) {
    return Files.exists(spool.resolve("doneq/q" + id));
  }

  /** The finished job's q-file ({@code status:}, {@code returned:} …), empty while it runs. */
  public String jobFile(int id) {
    try {
      Path q = spool.resolve("doneq/q" + id);
      return Files.exists(q) ? Files.readString(q, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** HylaFAX's session logs ({@code log/c*}) by file name, oldest first. */
  public Map<String, String> sessionLogs() {
    Map<String, String> logs = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(spool.resolve("log"))) {
      for (Path f : files.sorted().toList()) {
        String n = f.getFileName().toString();
        if (n.startsWith("c") && Files.isRegularFile(f)) {
          logs.put(n, Files.readString(f, StandardCharsets.ISO_8859_1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return logs;
  }

  /** Every daemon's output, for a failure message. */
  public String diagnostics() {
    StringBuilder b = new StringBuilder("lab " + root + "\n");
    for (LabProcess p : processes) {
      String out = p.output();
      b.append("---- ").append(p).append('\n');
      b.append(out.length() > 4000 ? out.substring(out.length() - 4000) : out).append('\n');
    }
    for (IaxModem m : modems) {
      b.append("---- status ")
          .append(m.device())
          .append(": ")
          .append(modemStatus(m.device()))
          .append('\n');
    }
    return b.toString();
  }

  /** Polls {@code done} every 100 ms until true or {@code timeout}; fails with the daemon's log. */
  public static void await(String what, Duration timeout, BooleanSupplier done, LabProcess p) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out waiting for " + what + (p == null ? "" : ":\n" + p.output()));
      }
      pause(Duration.ofMillis(100));
    }
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String run(List<String> cmd, Duration timeout) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", cmd));
      }
      String text = new String(out, StandardCharsets.ISO_8859_1);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private synchronized void stopAll() {
    if (closed) {
      return;
    }
    closed = true;
    // faxgetty first: iaxmodem does not exit while a fax server holds its pty.
    List<LabProcess> order = new ArrayList<>(processes);
    order.sort(Comparator.comparingInt(p -> p.name().startsWith("iaxmodem") ? 1 : 0));
    for (LabProcess p : order) {
      p.stop();
    }
    for (Path f : systemFiles) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        // best effort: the next lab uses other names
      }
    }
    if (!Boolean.getBoolean("faxgw.lab.keep")) {
      deleteTree(root);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // best effort
    }
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down
    }
  }

  /** One iaxmodem the lab started. */
  public static final class IaxModem {
    private final String device;
    private final IaxModemConfig config;
    private final LabProcess process;
    private LabProcess faxgetty;

    IaxModem(String device, IaxModemConfig config, LabProcess process) {
      this.device = device;
      this.config = config;
      this.process = process;
    }

    /** The pty name under /dev, also the iaxmodem config name and HylaFAX's modem id. */
    public String device() {
      return device;
    }

    public IaxModemConfig config() {
      return config;
    }

    /** "127.0.0.1:port" where it takes IAX2 calls. */
    public String address() {
      return "127.0.0.1:" + config.port();
    }

    /** iaxmodem's own output (registration results, "IAX2 jitter" …). */
    public String log() {
      return process.output();
    }

    public LabProcess process() {
      return process;
    }

    public LabProcess faxgetty() {
      return faxgetty;
    }
  }
}
