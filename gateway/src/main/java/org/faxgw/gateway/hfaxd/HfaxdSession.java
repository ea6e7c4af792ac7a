package org.faxgw.gateway.hfaxd;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.faxgw.gateway.accounts.Account;
import org.faxgw.gateway.accounts.AccountsStore;
import org.faxgw.gateway.accounts.LoginThrottle;
import org.faxgw.gateway.admin.AdminJobs;
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
  private final JobControl jobs;
  private final Clock clock;
  private final LoginThrottle throttle;
  private final InetAddress peer;
  private final Path tmp;
  private final Map<String, Path> uploads = new LinkedHashMap<>();
  private final Map<String, String> formats = new LinkedHashMap<>();

  private PushbackInputStream in;
  private OutputStream out;
  private DataChannel data;
  private String pendingUser;
  private Account user;
  private QueueViews views;
  private boolean zlib;
  private boolean gmt = true;
  private JobDraft draft;
  private long currentJob = -1;

  HfaxdSession(
      Socket control,
      long number,
      HfaxdSettings settings,
      AccountsStore accounts,
      JobControl jobs,
      Clock clock,
      LoginThrottle throttle) {
    this.control = control;
    this.number = number;
    this.settings = settings;
    this.accounts = accounts;
    this.jobs = jobs;
    this.clock = clock;
    this.throttle = throttle;
    this.peer = control.getInetAddress();
    this.tmp = settings.tmpDir().resolve("s" + number);
  }

  void run() {
    try {
      control.setSoTimeout((int) settings.idleTimeout().toMillis());
      in = new PushbackInputStream(new BufferedInputStream(control.getInputStream()), 1);
      out = new BufferedOutputStream(control.getOutputStream());
      data = new DataChannel(control, settings.dataTimeout(), this::reply);
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
      case "PORT" -> data.port(arg);
      case "EPRT" -> data.eprt(arg);
      case "PASV" -> data.pasv();
      case "EPSV" -> data.epsv();
      case "ABOR" -> reply(226, "ABOR command successful.");
      case "STOT" -> store(null);
      case "STOR" -> store(arg);
      case "JNEW" -> jnew();
      case "JOB" -> job(arg);
      case "JPARM" -> jparm(arg);
      case "JSUBM" -> jsubm(arg);
      case "JKILL", "JDELE" -> jkill(verb, arg);
      case "JSUSP", "JINTR" -> suspend(verb, arg);
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
    views = new QueueViews(settings, jobs, user);
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
    long size =
        data.receive(
            file, zlib, settings.maxUpload(), "FILE: " + key + " (Opening new data connection).");
    uploads.put(key, file);
    log.debug("hfaxd session {}: stored {} ({} bytes)", number, key, size);
    reply(226, "Transfer complete (FILE: " + key + ").");
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
        data.send(info, zlib, "Opening new data connection for \"" + printable(arg) + "\".");
      } finally {
        Files.deleteIfExists(info);
      }
      return;
    }
    Path file = views.retrievable(arg);
    data.send(
        file,
        zlib,
        "Opening new data connection for \""
            + printable(arg)
            + "\" ("
            + Files.size(file)
            + " bytes).");
  }

  // --- jobs --------------------------------------------------------------------------

  private void jnew() throws IOException {
    draft = new JobDraft(jobs.reserveId(), user.name());
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
    long group = id;
    if (draft == null || draft.id != id) {
      group = ownJob(id).groupId();
    }
    currentJob = id;
    reply(200, "Current job: jobid: " + id + " groupid: " + group + ".");
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

  /**
   * The job if it exists and the user may touch it; else the refusal hfaxd gives. Another user's
   * job is answered as hfaxd does for a job the client may not see.
   */
  private FaxJob ownJob(long id) throws Refusal {
    Optional<FaxJob> j = jobs.find(id);
    if (j.isEmpty()) {
      throw new Refusal(500, "Unknown job " + id + ".");
    }
    if (!views.visible(j.get())) {
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
      if (currentJob < 0) {
        if (value == null) {
          reply(213, "");
          return;
        }
        throw new Refusal(503, "No current job; use JNEW or JOB first.");
      }
      FaxJob j = ownJob(currentJob);
      if (value == null) {
        reply(213, JobFields.parameter(j, name));
        return;
      }
      alter(j.id(), name, value);
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

  /** Most attempts at a compare-and-set change of a job other writers change at the same time. */
  private static final int CHANGE_ATTEMPTS = 5;

  /** A compare-and-set change of a queued job: the next job, or a refusal. */
  @FunctionalInterface
  private interface Change {
    FaxJob next(FaxJob j) throws Refusal;
  }

  /** Applies {@code change} to job {@code id}, again while other writers change the job. */
  private FaxJob change(long id, Change change) throws Refusal {
    for (int i = 0; i < CHANGE_ATTEMPTS; i++) {
      FaxJob j = ownJob(id);
      FaxJob next = change.next(j);
      if (next == j || jobs.alter(next, j.state())) {
        return next;
      }
    }
    throw new Refusal(504, "Job " + id + " changed meanwhile; try again.");
  }

  /** faxalter on a queued job (JPARM with a value after JOB). */
  private void alter(long id, String name, String value) throws IOException, Refusal {
    if (!JobAlteration.ALTERABLE.contains(name)) {
      throw new Refusal(503, "Changing " + name + " of job " + id + " is not supported.");
    }
    Instant now = clock.instant();
    change(
        id,
        j -> {
          if (j.state().isTerminal()) {
            throw new Refusal(504, "Job " + id + " is done; it cannot be changed.");
          }
          if (j.state() == JobState.ACTIVE) {
            throw new Refusal(504, "Job " + id + " is being sent; suspend it (JINTR) first.");
          }
          try {
            return JobAlteration.apply(j, name, value, now);
          } catch (IllegalArgumentException e) {
            throw new Refusal(503, e.getMessage());
          }
        });
    log.info("hfaxd: {} changed {} of job {} to {}", user.name(), name, id, printable(value));
    reply(213, name + " set to " + printable(value) + ".");
  }

  private void jsubm(String arg) throws IOException, Refusal {
    long id = target(arg);
    if (draft == null || draft.id != id) {
      resubmit(id);
      return;
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
      Instant now = clock.instant();
      made =
          jobs.submit(
              d.id,
              user.name(),
              d.dialString,
              docs,
              d.resolution(),
              d.notifyWhen(),
              d.sendTime(now),
              d.limits(now));
    } catch (AdminJobs.BadRequestException | IllegalArgumentException e) {
      throw new Refusal(503, "Job " + d.id + " refused: " + e.getMessage() + ".");
    } finally {
      for (InputStream s : streams) {
        s.close();
      }
    }
    draft = null;
    if (made.isEmpty()) {
      throw new Refusal(503, "Job " + d.id + " was a duplicate and was not queued.");
    }
    currentJob = made.get(0).id();
    reply(200, "Job " + currentJob + " submitted.");
  }

  /** JSUBM of a queued job: a suspended one goes back to the queue; others already are. */
  private void resubmit(long id) throws IOException, Refusal {
    Instant now = clock.instant();
    FaxJob next =
        change(
            id,
            j -> {
              if (j.state().isTerminal()) {
                throw new Refusal(504, "Job " + id + " is done; it cannot be submitted again.");
              }
              return j.state() == JobState.SUSPENDED ? JobAlteration.resubmitted(j, now) : j;
            });
    reply(200, "Job " + next.id() + " submitted.");
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
      draft = null;
    } else {
      ownJob(id);
      jobs.remove(id);
    }
    if (currentJob == id) {
      currentJob = -1;
    }
    reply(
        200, "Job " + id + (verb.equals("JKILL") ? " killed." : " deleted; current job: default."));
  }

  /**
   * JSUSP holds a waiting job (state suspended, 'T'): it is not dispatched, nor failed by its kill
   * time, until JSUBM. JINTR does the same to a job being sent too: the job leaves the active state
   * at once, and the dispatcher's next pass (within a second) ends its call with that status.
   */
  private void suspend(String verb, String arg) throws IOException, Refusal {
    long id = target(arg);
    boolean interrupt = verb.equals("JINTR");
    String status = (interrupt ? "Interrupted" : "Suspended") + " by " + user.name();
    FaxJob was = awaitRendered(ownJob(id));
    change(
        id,
        j -> {
          switch (j.state()) {
            case DONE, FAILED -> throw new Refusal(504, "Job " + id + " is done.");
            case RENDERING ->
                throw new Refusal(
                    504, "Job " + id + " is still being prepared after " + RENDER_WAIT + ".");
            case ACTIVE -> {
              if (!interrupt) {
                throw new Refusal(504, "Job " + id + " is being sent; use JINTR to interrupt it.");
              }
              return j.withState(JobState.SUSPENDED, status);
            }
            case SUSPENDED -> {
              return j;
            }
            default -> {
              return j.withState(JobState.SUSPENDED, status);
            }
          }
        });
    log.info("hfaxd: {} {} job {} ({})", user.name(), verb, id, was.state().label());
    reply(200, "Job " + id + (interrupt ? " interrupted." : " suspended."));
  }

  /** Longest wait of JSUSP for a job's documents to be rendered (faxalter right after sendfax). */
  static final Duration RENDER_WAIT = Duration.ofSeconds(60);

  /**
   * The job once its documents are rendered: a job is suspended with its pages, so JSUSP of a job
   * still being rendered waits for the render workers, at most {@link #RENDER_WAIT}.
   */
  private FaxJob awaitRendered(FaxJob j) throws IOException, Refusal {
    long rounds = RENDER_WAIT.toMillis() / TriggerWatch.POLL.toMillis();
    for (long r = 0; r < rounds && j.state() == JobState.RENDERING; r++) {
      if (awaitControl(TriggerWatch.POLL) == TriggerWatch.Poll.CLOSED) {
        throw new IOException("client closed the connection during JSUSP");
      }
      j = ownJob(j.id());
    }
    return j;
  }

  /**
   * Waits until the job is done, failed or removed, polling the store; bounded by the session's
   * idle timeout. A command line arriving meanwhile ends the wait (504) and is then handled.
   */
  private void jwait(String arg) throws IOException, Refusal {
    long id = target(arg);
    ownJob(id);
    Duration limit = Duration.ofMillis(control.getSoTimeout());
    Instant end = clock.instant().plus(limit);
    long rounds = limit.toMillis() / TriggerWatch.POLL.toMillis() + 1;
    for (long r = 0; r < rounds && clock.instant().isBefore(end); r++) {
      Optional<FaxJob> j = jobs.find(id);
      if (j.isEmpty() || j.get().state().isTerminal()) {
        reply(216, "Wait for job " + id + " completed.");
        return;
      }
      TriggerWatch.Poll p = awaitControl(TriggerWatch.POLL);
      if (p == TriggerWatch.Poll.CLOSED) {
        throw new IOException("client closed the connection during JWAIT");
      }
      if (p == TriggerWatch.Poll.INPUT) {
        throw new Refusal(504, "Wait for job " + id + " interrupted by a command.");
      }
    }
    throw new Refusal(504, "Job " + id + " not done after " + limit.toSeconds() + " seconds.");
  }

  /**
   * Waits up to {@code d} for the control connection: input (the byte is put back for the next
   * command), end of stream, or nothing.
   */
  private TriggerWatch.Poll awaitControl(Duration d) throws IOException {
    int old = control.getSoTimeout();
    control.setSoTimeout((int) Math.max(1, d.toMillis()));
    try {
      int b = in.read();
      if (b < 0) {
        return TriggerWatch.Poll.CLOSED;
      }
      in.unread(b);
      return TriggerWatch.Poll.INPUT;
    } catch (SocketTimeoutException e) {
      return TriggerWatch.Poll.QUIET;
    } finally {
      control.setSoTimeout(old);
    }
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
    Map<String, String> f = new LinkedHashMap<>();
    for (String k : List.of("JOBFMT", "RCVFMT", "MDMFMT", "FILEFMT")) {
      f.put(k, formats.getOrDefault(k, defaultFormat(k)));
    }
    List<String> lines = views.listing(dir, verb.equals("NLST"), f, zone());
    if (lines == null) {
      throw new Refusal(550, printable(dir) + ": No such file or directory.");
    }
    data.sendLines(lines, zlib, "Opening new data connection for \"" + printable(arg) + "\".");
  }

  private java.time.ZoneId zone() {
    return gmt ? java.time.ZoneOffset.UTC : java.time.ZoneId.systemDefault();
  }

  private void site(String arg) throws IOException, Refusal {
    String[] p = arg.split(" ", 2);
    String what = p[0].toUpperCase(Locale.ROOT);
    switch (what) {
      case "HELP" -> reply(214, "SITE commands: HELP, IDLE, TRIGGER.");
      case "IDLE" -> idle(p.length > 1 ? p[1] : "");
      case "TRIGGER" -> trigger(p.length > 1 ? p[1].trim() : "");
      default -> throw new Refusal(502, "SITE " + printable(what) + " not implemented.");
    }
  }

  /**
   * SITE TRIGGER (faxwatch): the events of the jobs the user sees, one line each, on the data
   * connection, until the client sends a command or leaves, or for at most hfaxd.maxIdleTimeout.
   */
  private void trigger(String spec) throws IOException, Refusal {
    TriggerSpec t;
    try {
      t = TriggerSpec.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new Refusal(501, "Cannot register trigger: " + e.getMessage() + ".");
    }
    Socket s = data.open();
    reply(150, "Trigger registered: events for \"" + printable(spec) + "\" follow.");
    TriggerWatch.End end;
    try (s;
        OutputStream dst = s.getOutputStream()) {
      end =
          new TriggerWatch(t, views, jobs, zone(), clock)
              .run(dst, this::awaitControl, settings.maxIdleTimeout());
    } catch (IOException e) {
      throw new Refusal(426, "Trigger ended: " + e.getMessage() + ".");
    }
    if (end == TriggerWatch.End.CLOSED) {
      throw new IOException("client closed the connection during SITE TRIGGER");
    }
    reply(226, "Trigger ended.");
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
    if (data != null) {
      data.close();
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
