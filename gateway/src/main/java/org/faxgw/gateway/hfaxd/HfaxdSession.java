package org.faxgw.gateway.hfaxd;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.faxgw.gateway.accounts.Account;
import org.faxgw.gateway.accounts.AccountsStore;
import org.faxgw.gateway.accounts.LoginThrottle;
import org.faxgw.gateway.admin.AdminJobs;
import org.faxgw.gateway.inbound.ReceivedQueue;
import org.faxgw.queue.FaxJob;
import org.faxgw.queue.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control connection, confined to its thread. Commands are read as lines of at most {@link
 * #MAX_LINE} bytes; a longer line is discarded up to its end and answered {@code 500}. Before login
 * only USER, PASS, QUIT and NOOP are accepted ({@code 530} otherwise).
 */
final class HfaxdSession {
  private static final Logger log = LoggerFactory.getLogger(HfaxdSession.class);

  /** Longest command line accepted, like hfaxd's own bound. */
  static final int MAX_LINE = 4096;

  /** Most files one session may hold in its temporary area. */
  private static final int MAX_UPLOADS = 100;

  static final String DEFAULT_JOBFMT = "%-4j %3i %1a %6.6o %-12.12e %5P %5D %7z %.25s";
  static final String DEFAULT_RCVFMT = "%-7m %4p%1z %-8.8o %14.14s %7t %f";
  static final String DEFAULT_MDMFMT = "Modem %m (%n): %s";
  static final String DEFAULT_FILEFMT = "%-7p %3l %8o %8s %-12.12m %.48f";

  private final Socket control;
  private final long number;
  private final HfaxdSettings settings;
  private final AccountsStore accounts;
  private final AdminJobs jobs;
  private final Clock clock;
  private final LoginThrottle throttle;
  private final JobIds ids;
  private final InetAddress peer;
  private final Path tmp;
  private final Map<String, Path> uploads = new LinkedHashMap<>();
  private final Map<String, String> formats = new LinkedHashMap<>();

  private InputStream in;
  private OutputStream out;
  private String pendingUser;
  private Account user;
  private boolean zlib;
  private boolean gmt = true;
  private InetSocketAddress active;
  private ServerSocket passive;
  private JobDraft draft;
  private long currentJob = -1;

  HfaxdSession(
      Socket control,
      long number,
      HfaxdSettings settings,
      AccountsStore accounts,
      AdminJobs jobs,
      Clock clock,
      LoginThrottle throttle,
      JobIds ids) {
    this.control = control;
    this.number = number;
    this.settings = settings;
    this.accounts = accounts;
    this.jobs = jobs;
    this.clock = clock;
    this.throttle = throttle;
    this.ids = ids;
    this.peer = control.getInetAddress();
    this.tmp = settings.tmpDir().resolve("s" + number);
  }

  void run() {
    try {
      control.setSoTimeout((int) settings.idleTimeout().toMillis());
      in = control.getInputStream();
      out = new BufferedOutputStream(control.getOutputStream());
      reply(220, settings.hostName() + " server (faxgw, HylaFAX protocol) ready.");
      while (true) {
        String line;
        try {
          line = readLine();
        } catch (LineTooLong e) {
          reply(500, "Command line too long.");
          continue;
        }
        if (line == null) {
          return;
        }
        if (!handle(line)) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      try {
        reply(
            421,
            "Timeout ("
                + settings.idleTimeout().toSeconds()
                + " seconds): closing control connection.");
      } catch (IOException ignored) {
        // the client is gone
      }
    } catch (IOException e) {
      log.debug("hfaxd session {}: {}", number, e.toString());
    } finally {
      cleanup();
    }
  }

  private static final class LineTooLong extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** A line without its CR LF, null at end of stream; throws past MAX_LINE (after its end). */
  private String readLine() throws IOException {
    byte[] buf = new byte[MAX_LINE];
    int n = 0;
    boolean tooLong = false;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return n == 0 && !tooLong
            ? null
            : tooLong ? null : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        if (tooLong) {
          throw new LineTooLong();
        }
        if (n > 0 && buf[n - 1] == '\r') {
          n--;
        }
        return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (n < MAX_LINE) {
        buf[n++] = (byte) b;
      } else {
        tooLong = true;
      }
    }
  }

  void reply(int code, String text) throws IOException {
    String clean = text.replace('\r', ' ').replace('\n', ' ');
    out.write((code + " " + clean + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Handles one command; false to end the session. */
  private boolean handle(String line) throws IOException {
    String verb = line;
    String arg = "";
    int sp = line.indexOf(' ');
    if (sp >= 0) {
      verb = line.substring(0, sp);
      arg = line.substring(sp + 1).trim();
    }
    verb = verb.toUpperCase(Locale.ROOT);
    if (!verb.matches("[A-Z]{1,8}")) {
      reply(500, "'" + printable(verb) + "': command not understood.");
      return true;
    }
    switch (verb) {
      case "QUIT" -> {
        reply(221, "Goodbye.");
        return false;
      }
      case "NOOP" -> {
        reply(200, "NOOP command successful.");
        return true;
      }
      case "USER" -> {
        user(arg);
        return true;
      }
      case "PASS" -> {
        pass(arg);
        return true;
      }
      default -> {
        // everything else needs a login
      }
    }
    if (user == null) {
      reply(530, "Please login with USER and PASS.");
      return true;
    }
    try {
      command(verb, arg);
    } catch (Refusal r) {
      reply(r.code, r.getMessage());
    }
    return true;
  }

  /** A command refused with its reply. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    Refusal(int code, String text) {
      super(text);
      this.code = code;
    }
  }

  private void command(String verb, String arg) throws IOException, Refusal {
    switch (verb) {
      case "ADMIN" -> {
        if (!user.admin()) {
          throw new Refusal(530, "Administrative privileges not granted.");
        }
        reply(230, "Administrative privileges established.");
      }
      case "TZONE" -> tzone(arg);
      case "TYPE" -> {
        String t = arg.toUpperCase(Locale.ROOT);
        if (!t.equals("I") && !t.equals("A") && !t.startsWith("L")) {
          throw new Refusal(504, "Type " + printable(arg) + " not implemented.");
        }
        reply(200, "Type set to " + (t.startsWith("L") ? "I" : t) + ".");
      }
      case "MODE" -> {
        String m = arg.toUpperCase(Locale.ROOT);
        if (!m.equals("S") && !m.equals("Z")) {
          throw new Refusal(504, "Mode " + printable(arg) + " not implemented.");
        }
        zlib = m.equals("Z");
        reply(200, "Mode set to " + m + ".");
      }
      case "STRU" -> {
        if (!arg.equalsIgnoreCase("F")) {
          throw new Refusal(504, "Structure " + printable(arg) + " not implemented.");
        }
        reply(200, "Structure set to F.");
      }
      case "FORM" -> {
        String f = arg.toUpperCase(Locale.ROOT);
        if (!List.of("PS", "PDF", "TIFF", "PCL").contains(f)) {
          throw new Refusal(504, "Format " + printable(arg) + " not supported.");
        }
        reply(200, "Format set to " + f + ".");
      }
      case "SYST" -> reply(215, "UNIX Type: L8 Version: SVR4");
      case "IDLE" -> idle(arg);
      case "STAT" ->
          reply(211, "Status: logged in as " + user.name() + "; faxgw HylaFAX protocol.");
      case "PORT" -> port(arg);
      case "EPRT" -> eprt(arg);
      case "PASV" -> pasv();
      case "EPSV" -> epsv();
      case "STOT" -> store(null);
      case "STOR" -> store(arg);
      case "JNEW" -> jnew();
      case "JOB" -> job(arg);
      case "JPARM" -> jparm(arg);
      case "JSUBM" -> jsubm(arg);
      case "JKILL", "JDELE" -> jkill(verb, arg);
      case "JSUSP", "JINTR" -> jsusp(verb, arg);
      case "JWAIT" -> jwait(arg);
      case "JOBFMT", "RCVFMT", "MDMFMT", "FILEFMT" -> format(verb, arg);
      case "LIST", "NLST" -> list(verb, arg);
      case "RETR" -> retr(arg);
      case "SITE" -> site(arg);
      case "HELP" -> reply(214, "Commands: see hfaxd(8).");
      default -> throw new Refusal(502, printable(verb) + " command not implemented.");
    }
  }

  // --- login ---------------------------------------------------------------------------

  private void user(String name) throws IOException {
    if (user != null) {
      reply(503, "You are already logged in.");
      return;
    }
    if (name.isEmpty()) {
      reply(500, "USER: missing user name.");
      return;
    }
    pendingUser = name;
    reply(331, "Password required for " + printable(name) + ".");
  }

  private void pass(String password) throws IOException {
    if (user != null) {
      reply(503, "You are already logged in.");
      return;
    }
    if (pendingUser == null) {
      reply(503, "Login with USER first.");
      return;
    }
    String name = pendingUser;
    pendingUser = null;
    if (throttle.locked(peer)) {
      log.warn("hfaxd: login of {} from {} refused: too many failures", name, peer);
      reply(530, "Login incorrect.");
      return;
    }
    Optional<Account> a = accounts.authenticate(name, password, peer);
    if (a.isEmpty()) {
      throttle.failed(peer);
      log.info("hfaxd: failed login of {} from {}", name, peer.getHostAddress());
      reply(530, "Login incorrect.");
      return;
    }
    throttle.succeeded(peer);
    user = a.get();
    reply(230, "User " + user.name() + " logged in.");
  }

  private void tzone(String arg) throws IOException, Refusal {
    String z = arg.toUpperCase(Locale.ROOT);
    if (!z.equals("GMT") && !z.equals("LOCAL")) {
      throw new Refusal(501, "Unknown time zone " + printable(arg) + "; use GMT or LOCAL.");
    }
    gmt = z.equals("GMT");
    reply(200, "Time zone is " + z + ".");
  }

  private void idle(String arg) throws IOException, Refusal {
    if (arg.isEmpty()) {
      reply(200, "Current IDLE timeout is " + control.getSoTimeout() / 1000 + " seconds.");
      return;
    }
    long s;
    try {
      s = Long.parseLong(arg);
    } catch (NumberFormatException e) {
      throw new Refusal(501, "IDLE: bad number " + printable(arg) + ".");
    }
    long max = settings.maxIdleTimeout().toSeconds();
    if (s < 30 || s > max) {
      throw new Refusal(501, "Maximum IDLE time must be between 30 and " + max + " seconds.");
    }
    control.setSoTimeout((int) (s * 1000));
    reply(200, "Maximum IDLE time set to " + s + " seconds.");
  }

  // --- data connections (RFC 959 PORT/PASV, RFC 2428 EPRT/EPSV) -----------------------

  private void port(String arg) throws IOException, Refusal {
    String[] p = arg.split(",");
    if (p.length != 6) {
      throw new Refusal(501, "PORT: bad argument.");
    }
    try {
      byte[] a = new byte[4];
      for (int i = 0; i < 4; i++) {
        a[i] = (byte) octet(p[i]);
      }
      int port = octet(p[4]) * 256 + octet(p[5]);
      setActive(InetAddress.getByAddress(a), port, "PORT");
    } catch (NumberFormatException e) {
      throw new Refusal(501, "PORT: bad argument.");
    }
  }

  private static int octet(String s) {
    int v = Integer.parseInt(s.trim());
    if (v < 0 || v > 255) {
      throw new NumberFormatException(s);
    }
    return v;
  }

  private void eprt(String arg) throws IOException, Refusal {
    if (arg.length() < 7) {
      throw new Refusal(501, "EPRT: bad argument.");
    }
    String d = Character.toString(arg.charAt(0));
    String[] p = arg.substring(1).split(java.util.regex.Pattern.quote(d), -1);
    if (p.length < 3 || !(p[0].equals("1") || p[0].equals("2"))) {
      throw new Refusal(522, "Network protocol not supported, use (1,2)");
    }
    try {
      if (!p[1].matches("[0-9A-Fa-f:.]+")) {
        throw new NumberFormatException(p[1]);
      }
      setActive(InetAddress.getByName(p[1]), Integer.parseInt(p[2]), "EPRT");
    } catch (NumberFormatException | java.net.UnknownHostException e) {
      throw new Refusal(501, "EPRT: bad argument.");
    }
  }

  /** Only the control connection's own peer: the listener must not bounce connections. */
  private void setActive(InetAddress a, int port, String verb) throws IOException, Refusal {
    if (!a.equals(peer)) {
      throw new Refusal(500, "Illegal " + verb + " command: address differs from the client's.");
    }
    if (port < 1024 || port > 65535) {
      throw new Refusal(500, "Illegal " + verb + " command: bad port.");
    }
    closePassive();
    active = new InetSocketAddress(a, port);
    reply(200, verb + " command successful.");
  }

  private void pasv() throws IOException, Refusal {
    openPassive();
    byte[] a = control.getLocalAddress().getAddress();
    if (a.length != 4) {
      throw new Refusal(425, "Cannot use PASV over IPv6; use EPSV.");
    }
    int p = passive.getLocalPort();
    reply(
        227,
        String.format(
            "Entering Passive Mode (%d,%d,%d,%d,%d,%d)",
            a[0] & 255, a[1] & 255, a[2] & 255, a[3] & 255, p >> 8, p & 255));
  }

  private void epsv() throws IOException {
    openPassive();
    reply(229, "Entering Extended Passive Mode (|||" + passive.getLocalPort() + "|)");
  }

  private void openPassive() throws IOException {
    closePassive();
    active = null;
    passive = new ServerSocket(0, 1, control.getLocalAddress());
    passive.setSoTimeout((int) settings.dataTimeout().toMillis());
  }

  private void closePassive() {
    if (passive != null) {
      try {
        passive.close();
      } catch (IOException ignored) {
        // closing
      }
      passive = null;
    }
  }

  /** The data connection set up by PORT/EPRT or PASV/EPSV (used once). */
  private Socket openData() throws IOException, Refusal {
    Socket s;
    if (passive != null) {
      try {
        s = passive.accept();
      } catch (SocketTimeoutException e) {
        throw new Refusal(425, "Can't open data connection: timed out.");
      } finally {
        closePassive();
      }
      if (!s.getInetAddress().equals(peer)) {
        s.close();
        throw new Refusal(425, "Can't open data connection: not from the client's address.");
      }
    } else if (active != null) {
      s = new Socket();
      try {
        s.connect(active, (int) settings.dataTimeout().toMillis());
      } catch (IOException e) {
        s.close();
        throw new Refusal(425, "Can't open data connection: " + e.getMessage() + ".");
      } finally {
        active = null;
      }
    } else {
      throw new Refusal(425, "Can't open data connection: no PORT or PASV given.");
    }
    s.setSoTimeout((int) settings.dataTimeout().toMillis());
    return s;
  }

  // --- files -------------------------------------------------------------------------

  private void store(String name) throws IOException, Refusal {
    if (uploads.size() >= MAX_UPLOADS) {
      throw new Refusal(452, "Too many files in the temporary area.");
    }
    String key;
    if (name == null) {
      key = "/tmp/doc" + number + "_" + (uploads.size() + 1);
    } else {
      String n = name.startsWith("/tmp/") ? name.substring(5) : name;
      if (!n.matches("[A-Za-z0-9._-]{1,64}") || n.startsWith(".")) {
        throw new Refusal(553, printable(name) + ": Permission denied (only the temporary area).");
      }
      key = "/tmp/" + n;
    }
    Files.createDirectories(tmp);
    Path file = tmp.resolve("f" + (uploads.size() + 1));
    Socket data = openData();
    reply(150, "FILE: " + key + " (Opening new data connection).");
    long size;
    try (data;
        InputStream raw = data.getInputStream();
        InputStream src = zlib ? new InflaterInputStream(raw) : raw;
        OutputStream dst = Files.newOutputStream(file)) {
      size = copy(src, dst, settings.maxUpload());
    } catch (SocketTimeoutException e) {
      Files.deleteIfExists(file);
      throw new Refusal(426, "Data connection timed out; transfer aborted.");
    } catch (TooBig e) {
      Files.deleteIfExists(file);
      throw new Refusal(552, "File too large (more than " + settings.maxUpload() + " bytes).");
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw new Refusal(426, "Transfer aborted: " + e.getMessage() + ".");
    }
    uploads.put(key, file);
    log.debug("hfaxd session {}: stored {} ({} bytes)", number, key, size);
    reply(226, "Transfer complete (FILE: " + key + ").");
  }

  private static final class TooBig extends IOException {
    private static final long serialVersionUID = 1L;
  }

  private static long copy(InputStream src, OutputStream dst, long max) throws IOException {
    byte[] buf = new byte[65536];
    long total = 0;
    int n;
    while ((n = src.read(buf)) > 0) {
      total += n;
      if (total > max) {
        throw new TooBig();
      }
      dst.write(buf, 0, n);
    }
    return total;
  }

  private void retr(String arg) throws IOException, Refusal {
    if (arg.equals("status/any.info")) {
      // faxstat -i: the server's own description (status(5))
      Path info = tmp.resolveSibling("any.info-" + number);
      Files.writeString(
          info,
          "faxgw on "
              + settings.hostName()
              + ": email<->fax gateway speaking the HylaFAX protocol\n");
      try {
        send(arg, info);
      } finally {
        Files.deleteIfExists(info);
      }
      return;
    }
    Path file = retrievable(arg);
    if (file == null || !Files.isRegularFile(file)) {
      throw new Refusal(550, printable(arg) + ": No such file or directory.");
    }
    send(arg, file);
  }

  private void send(String arg, Path file) throws IOException, Refusal {
    Socket data = openData();
    reply(
        150,
        "Opening new data connection for \""
            + printable(arg)
            + "\" ("
            + Files.size(file)
            + " bytes).");
    try (data;
        OutputStream raw = data.getOutputStream();
        OutputStream dst = zlib ? new DeflaterOutputStream(raw) : raw) {
      Files.copy(file, dst);
    } catch (IOException e) {
      throw new Refusal(426, "Transfer aborted: " + e.getMessage() + ".");
    }
    reply(226, "Transfer complete.");
  }

  /** recvq/NAME (received faxes) for an admin or for faxes the user may read; null otherwise. */
  private Path retrievable(String arg) {
    String a = arg.startsWith("/") ? arg.substring(1) : arg;
    if (a.startsWith("recvq/")) {
      String n = a.substring(6);
      if (n.matches("[A-Za-z0-9._-]{1,64}") && !n.startsWith(".")) {
        return settings.recvq().resolve(n);
      }
    }
    return null;
  }

  // --- jobs --------------------------------------------------------------------------

  private void jnew() throws IOException {
    if (draft != null) {
      ids.release(draft.id);
    }
    draft = new JobDraft(ids.reserve(), user.name());
    currentJob = draft.id;
    reply(200, "New job created: jobid: " + draft.id + " groupid: " + draft.id + ".");
  }

  private void job(String arg) throws IOException, Refusal {
    if (arg.isEmpty()) {
      reply(200, "Current job: jobid: " + (currentJob < 0 ? "default" : currentJob) + ".");
      return;
    }
    if (arg.equalsIgnoreCase("DEFAULT")) {
      currentJob = -1;
      reply(200, "Current job: jobid: default groupid: default.");
      return;
    }
    long id = jobId(arg);
    if (draft != null && draft.id == id) {
      currentJob = id;
    } else {
      FaxJob j = ownJob(id);
      currentJob = j.id();
    }
    reply(200, "Current job: jobid: " + id + " groupid: " + groupOf(id) + ".");
  }

  private long groupOf(long id) {
    return draft != null && draft.id == id ? id : jobs.find(id).map(FaxJob::groupId).orElse(id);
  }

  private static long jobId(String s) throws Refusal {
    try {
      long v = Long.parseLong(s.trim());
      if (v < 1) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new Refusal(500, "Bad job identifier " + printable(s) + ".");
    }
  }

  /** The job if it exists and the user may touch it; else the refusal hfaxd gives. */
  private FaxJob ownJob(long id) throws Refusal {
    Optional<FaxJob> j = jobs.find(id);
    if (j.isEmpty()) {
      throw new Refusal(500, "Unknown job " + id + ".");
    }
    if (!user.admin() && !user.name().equals(j.get().owner())) {
      throw new Refusal(504, "Operation not permitted: job " + id + " belongs to another user.");
    }
    return j.get();
  }

  private void jparm(String arg) throws IOException, Refusal {
    String name = arg;
    String value = null;
    int sp = arg.indexOf(' ');
    if (sp >= 0) {
      name = arg.substring(0, sp);
      value = unquote(arg.substring(sp + 1).trim());
    }
    name = name.toUpperCase(Locale.ROOT);
    if (!JobDraft.KNOWN.contains(name)) {
      throw new Refusal(503, "Unknown job parameter " + printable(name) + ".");
    }
    if (draft == null || draft.id != currentJob) {
      if (value == null) {
        reply(213, existingParameter(name));
        return;
      }
      alter(name, value);
      return;
    }
    if (value == null) {
      reply(213, draft.get(name));
      return;
    }
    if (name.equals("DOCUMENT") && !uploads.containsKey(value)) {
      throw new Refusal(500, printable(value) + ": No such file in the temporary area.");
    }
    try {
      draft.set(name, value);
    } catch (IllegalArgumentException e) {
      throw new Refusal(503, e.getMessage());
    }
    reply(213, name + " set to " + printable(value) + ".");
  }

  private String existingParameter(String name) throws Refusal {
    if (currentJob < 0) {
      return "";
    }
    FaxJob j = ownJob(currentJob);
    return JobFields.parameter(j, name);
  }

  /** faxalter on a queued job: only SENDTIME NOW (-a now) is acted on. */
  private void alter(String name, String value) throws IOException, Refusal {
    if (currentJob < 0) {
      throw new Refusal(503, "No current job; use JOB first.");
    }
    FaxJob j = ownJob(currentJob);
    if (name.equals("SENDTIME") && value.equalsIgnoreCase("NOW")) {
      reply(213, "SENDTIME set to NOW.");
      return;
    }
    throw new Refusal(503, "Changing " + name + " of job " + j.id() + " is not supported.");
  }

  private void jsubm(String arg) throws IOException, Refusal {
    if (!arg.isEmpty() && draft != null && jobId(arg) != draft.id) {
      FaxJob j = ownJob(jobId(arg));
      reply(200, "Job " + j.id() + " submitted.");
      return;
    }
    if (draft == null) {
      if (currentJob > 0) {
        FaxJob j = ownJob(currentJob);
        reply(200, "Job " + j.id() + " submitted.");
        return;
      }
      throw new Refusal(503, "No job to submit; use JNEW first.");
    }
    JobDraft d = draft;
    if (d.dialString.isEmpty()) {
      throw new Refusal(503, "Job " + d.id + " has no DIALSTRING.");
    }
    if (d.documents.isEmpty()) {
      throw new Refusal(503, "Job " + d.id + " has no documents.");
    }
    List<AdminJobs.LocalDocument> docs = new ArrayList<>();
    List<InputStream> streams = new ArrayList<>();
    List<FaxJob> made;
    try {
      int i = 0;
      for (String key : d.documents) {
        InputStream s = Files.newInputStream(uploads.get(key));
        streams.add(s);
        docs.add(new AdminJobs.LocalDocument("doc" + (++i) + extension(uploads.get(key)), null, s));
      }
      made =
          jobs.submit(
              user.name(),
              List.of(d.dialString),
              docs,
              null,
              d.resolution(),
              d.notifyWhen(),
              d.sendTime(clock.instant()));
    } catch (AdminJobs.BadRequestException e) {
      throw new Refusal(503, "Job " + d.id + " refused: " + e.getMessage() + ".");
    } finally {
      for (InputStream s : streams) {
        s.close();
      }
      ids.release(d.id);
    }
    draft = null;
    if (made.isEmpty()) {
      throw new Refusal(503, "Job " + d.id + " was a duplicate and was not queued.");
    }
    long real = made.get(0).id();
    currentJob = real;
    if (real != d.id) {
      log.warn("hfaxd: job announced as {} was stored as {}", d.id, real);
    }
    reply(200, "Job " + real + " submitted.");
  }

  private static String extension(Path file) throws IOException {
    byte[] head = new byte[4];
    try (InputStream s = Files.newInputStream(file)) {
      int n = s.readNBytes(head, 0, 4);
      String h = new String(head, 0, n, StandardCharsets.ISO_8859_1);
      if (h.startsWith("%PDF")) {
        return ".pdf";
      }
      if (h.startsWith("%!")) {
        return ".ps";
      }
      if (h.startsWith("II*") || h.startsWith("MM\0*")) {
        return ".tif";
      }
    }
    return "";
  }

  private long target(String arg) throws Refusal {
    if (!arg.isEmpty()) {
      return jobId(arg);
    }
    if (currentJob < 0) {
      throw new Refusal(503, "No current job; use JOB first.");
    }
    return currentJob;
  }

  private void jkill(String verb, String arg) throws IOException, Refusal {
    long id = target(arg);
    if (draft != null && draft.id == id) {
      ids.release(id);
      draft = null;
      currentJob = -1;
      reply(
          200,
          "Job " + id + (verb.equals("JKILL") ? " killed." : " deleted; current job: default."));
      return;
    }
    ownJob(id);
    jobs.remove(id);
    if (currentJob == id) {
      currentJob = -1;
    }
    reply(
        200, "Job " + id + (verb.equals("JKILL") ? " killed." : " deleted; current job: default."));
  }

  private void jsusp(String verb, String arg) throws IOException, Refusal {
    long id = target(arg);
    FaxJob j = ownJob(id);
    if (j.state() == JobState.DONE || j.state() == JobState.FAILED) {
      throw new Refusal(504, "Job " + id + " is done.");
    }
    // No line runs a job yet: a waiting job is already not being sent, so it stays as it is.
    reply(200, "Job " + id + (verb.equals("JSUSP") ? " suspended." : " interrupted."));
  }

  private void jwait(String arg) throws IOException, Refusal {
    long id = target(arg);
    FaxJob j = ownJob(id);
    if (j.state() != JobState.DONE && j.state() != JobState.FAILED) {
      throw new Refusal(
          504, "Job " + id + " is not done; JWAIT would wait for a line faxgw has not got.");
    }
    reply(216, "Wait for job " + id + " completed.");
  }

  // --- status ------------------------------------------------------------------------

  private void format(String verb, String arg) throws IOException {
    if (arg.isEmpty()) {
      reply(213, formats.getOrDefault(verb, defaultFormat(verb)));
      return;
    }
    formats.put(verb, unquote(arg));
    reply(200, verb + " set.");
  }

  private static String defaultFormat(String verb) {
    return switch (verb) {
      case "JOBFMT" -> DEFAULT_JOBFMT;
      case "RCVFMT" -> DEFAULT_RCVFMT;
      case "MDMFMT" -> DEFAULT_MDMFMT;
      default -> DEFAULT_FILEFMT;
    };
  }

  private void list(String verb, String arg) throws IOException, Refusal {
    String dir = arg.startsWith("/") ? arg.substring(1) : arg;
    if (dir.endsWith("/")) {
      dir = dir.substring(0, dir.length() - 1);
    }
    if (dir.isEmpty()) {
      dir = ".";
    }
    List<String> lines = listing(verb.equals("NLST"), dir);
    Socket data = openData();
    reply(150, "Opening new data connection for \"" + printable(arg) + "\".");
    try (data;
        OutputStream raw = data.getOutputStream();
        OutputStream dst = zlib ? new DeflaterOutputStream(raw) : raw) {
      for (String l : lines) {
        dst.write((l + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      throw new Refusal(426, "Transfer aborted: " + e.getMessage() + ".");
    }
    reply(226, "Transfer complete.");
  }

  private List<String> listing(boolean names, String dir) throws IOException, Refusal {
    List<String> out = new ArrayList<>();
    String fmt = formats.getOrDefault("JOBFMT", DEFAULT_JOBFMT);
    switch (dir) {
      case "sendq", "doneq" -> {
        java.util.Set<JobState> states =
            dir.equals("sendq") ? JobState.SEND_QUEUE : JobState.DONE_QUEUE;
        for (FaxJob j : jobs.list(states)) {
          out.add(
              names
                  ? "q" + j.id()
                  : StatusFormat.format(
                      fmt, c -> JobFields.field(j, c, zone(), settings.hostName())));
        }
      }
      case "recvq" -> {
        String rf = formats.getOrDefault("RCVFMT", DEFAULT_RCVFMT);
        for (ReceivedQueue.Received r : ReceivedQueue.list(settings.recvq())) {
          out.add(
              names ? r.file() : StatusFormat.format(rf, c -> JobFields.received(r, c, zone())));
        }
      }
      case "status" -> {
        String mf = formats.getOrDefault("MDMFMT", DEFAULT_MDMFMT);
        out.add(
            StatusFormat.format(
                mf,
                c ->
                    switch (c) {
                      case 'h' -> settings.hostName();
                      case 'm' -> "faxgw";
                      case 'n' -> "";
                      case 's' -> "No fax line configured (jobs wait)";
                      case 'z' -> " ";
                      default -> "";
                    }));
      }
      case "docq", "log", "tmp", "." -> {
        if (dir.equals(".")) {
          for (String d : List.of("docq", "doneq", "log", "recvq", "sendq", "status", "tmp")) {
            out.add(d);
          }
        }
      }
      default -> throw new Refusal(550, printable(dir) + ": No such file or directory.");
    }
    return out;
  }

  private java.time.ZoneId zone() {
    return gmt ? java.time.ZoneOffset.UTC : java.time.ZoneId.systemDefault();
  }

  private void site(String arg) throws IOException, Refusal {
    String[] p = arg.split(" ", 2);
    String what = p[0].toUpperCase(Locale.ROOT);
    switch (what) {
      case "HELP" -> reply(214, "SITE commands: HELP, IDLE (no others are supported).");
      case "IDLE" -> idle(p.length > 1 ? p[1] : "");
      default -> throw new Refusal(502, "SITE " + printable(what) + " not implemented.");
    }
  }

  // --- helpers -------------------------------------------------------------------------

  static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }

  private void cleanup() {
    closePassive();
    if (draft != null) {
      ids.release(draft.id);
    }
    for (Path p : uploads.values()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // best effort
      }
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // not empty or gone
    }
  }
}
