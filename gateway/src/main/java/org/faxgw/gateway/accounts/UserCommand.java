package org.faxgw.gateway.accounts;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.faxgw.gateway.config.ConfiguredCommand;
import org.faxgw.gateway.config.FaxgwConfig;
import org.faxgw.smtp.IpNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faxgw user add|passwd|del|list}: manages the accounts file. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manage the accounts used by SMTP AUTH and the HylaFAX protocol.",
    subcommands = {
      UserCommand.Add.class,
      UserCommand.Passwd.class,
      UserCommand.Del.class,
      UserCommand.ListUsers.class
    })
public final class UserCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the password from stdin (first line) or, without --password-stdin, from a prompt. */
  abstract static class WithPassword extends ConfiguredCommand {
    @Option(
        names = "--password-stdin",
        description = "read the password from the first line of stdin")
    boolean passwordStdin;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Optional<char[]> password() throws IOException {
      if (passwordStdin) {
        BufferedReader r =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = r.readLine();
        return line == null || line.isEmpty() ? Optional.empty() : Optional.of(line.toCharArray());
      }
      Console c = System.console();
      if (c == null) {
        spec.commandLine().getErr().println("user: no terminal; use --password-stdin");
        return Optional.empty();
      }
      char[] a = c.readPassword("Password: ");
      char[] b = c.readPassword("Again: ");
      if (a == null || b == null || a.length == 0 || !java.util.Arrays.equals(a, b)) {
        spec.commandLine().getErr().println("user: the passwords are empty or differ");
        return Optional.empty();
      }
      return Optional.of(a);
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
  static final class Add extends WithPassword {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--role", defaultValue = "user", description = "admin or user")
    String role;

    @Option(
        names = "--network",
        description = "allowed client network (CIDR), repeatable; default anywhere")
    List<String> networks = new ArrayList<>();

    @Option(names = "--daily-pages", description = "most pages per day")
    Integer dailyPages;

    @Option(names = "--daily-jobs", description = "most jobs per day")
    Integer dailyJobs;

    @Override
    protected int run(FaxgwConfig c) throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      AccountsStore store = new AccountsStore(c.accountsFile());
      if (store.find(name).isPresent()) {
        err.println("user: " + name + " exists; use faxgw user passwd");
        return 1;
      }
      Account a;
      try {
        List<IpNetwork> nets = networks.stream().map(IpNetwork::parse).toList();
        Role r = Role.parse(role);
        Optional<char[]> p = password();
        if (p.isEmpty()) {
          err.println("user: no password given");
          return 2;
        }
        a =
            new Account(
                name,
                PasswordHash.hash(p.get()),
                r,
                nets,
                new AccountLimits(dailyPages, dailyJobs));
      } catch (IllegalArgumentException e) {
        err.println("user: " + e.getMessage());
        return 2;
      }
      store.put(a);
      spec.commandLine().getOut().println("user " + name + " added (" + a.role().text() + ")");
      return 0;
    }
  }

  @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a password.")
  static final class Passwd extends WithPassword {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    protected int run(FaxgwConfig c) throws Exception {
      AccountsStore store = new AccountsStore(c.accountsFile());
      Optional<Account> a = store.find(name);
      if (a.isEmpty()) {
        spec.commandLine().getErr().println("user: no user " + name);
        return 1;
      }
      Optional<char[]> p = password();
      if (p.isEmpty()) {
        return 2;
      }
      store.put(a.get().withPasswordHash(PasswordHash.hash(p.get())));
      spec.commandLine().getOut().println("password of " + name + " changed");
      return 0;
    }
  }

  @Command(name = "del", mixinStandardHelpOptions = true, description = "Remove a user.")
  static final class Del extends ConfiguredCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    protected int run(FaxgwConfig c) throws Exception {
      if (!new AccountsStore(c.accountsFile()).remove(name)) {
        spec.commandLine().getErr().println("user: no user " + name);
        return 1;
      }
      spec.commandLine().getOut().println("user " + name + " removed");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
  static final class ListUsers extends ConfiguredCommand {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    protected int run(FaxgwConfig c) throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      for (Account a : new AccountsStore(c.accountsFile()).list()) {
        out.printf(
            "%-20s %-6s %-30s %s%n",
            a.name(),
            a.role().text(),
            a.networks().isEmpty() ? "any" : a.networks().toString(),
            a.limits().dailyPages() == null ? "" : "dailyPages=" + a.limits().dailyPages());
      }
      return 0;
    }
  }
}
