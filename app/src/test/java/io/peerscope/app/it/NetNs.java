package io.peerscope.app.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace that a test creates, runs programs in and always deletes: the test hosts
 * of the live integration tests (a DNS server, a mail server, the agent capturing between them).
 * Needs root and iproute2; a missing prerequisite fails the test with what to install.
 *
 * <pre>{@code
 * try (NetNs server = NetNs.create("dns"); NetNs client = NetNs.create("cli")) {
 *   NetNs.link(server, "veth-s", "192.0.2.1/24", client, "veth-c", "192.0.2.2/24");
 *   server.spawn(log, "dnsmasq", "--keep-in-foreground", ...);
 *   client.run(Duration.ofSeconds(5), "dig", "@192.0.2.1", "www.example.com");
 * }
 * }</pre>
 */
public final class NetNs implements AutoCloseable {
  private static final String PREFIX = "psq-";
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final List<Process> spawned = new ArrayList<>();
  private boolean closed;

  /** The output of a finished command. */
  public record Result(int exitCode, String stdout, String stderr) {
    public Result requireSuccess(String what) {
      if (exitCode != 0) {
        throw new IllegalStateException(what + " failed with exit code " + exitCode + ": " + stderr + stdout);
      }
      return this;
    }
  }

  private NetNs(String name) {
    this.name = name;
  }

  /** Creates a namespace named {@code psq-<role>-<pid>-<n>} with its loopback up. */
  public static NetNs create(String role) {
    requireRoot();
    requireBinary("ip", "iproute2");
    removeStale();
    String name = PREFIX + role + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    host(IP_TIMEOUT, "ip", "netns", "add", name).requireSuccess("ip netns add " + name);
    NetNs ns = new NetNs(name);
    ns.run(IP_TIMEOUT, "ip", "link", "set", "lo", "up").requireSuccess("lo up in " + name);
    return ns;
  }

  /** Joins two namespaces with a veth pair and gives each end its address (CIDR), both up. */
  public static void link(NetNs a, String ifA, String cidrA, NetNs b, String ifB, String cidrB) {
    host(IP_TIMEOUT, "ip", "-n", a.name, "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b.name)
        .requireSuccess("veth " + ifA + "/" + ifB);
    a.run(IP_TIMEOUT, "ip", "addr", "add", cidrA, "dev", ifA).requireSuccess("address " + cidrA);
    b.run(IP_TIMEOUT, "ip", "addr", "add", cidrB, "dev", ifB).requireSuccess("address " + cidrB);
    // no duplicate address detection: IPv6 addresses are usable at once, no 1-2 s wait
    a.run(IP_TIMEOUT, "sysctl", "-q", "-w", "net.ipv6.conf." + ifA + ".accept_dad=0");
    b.run(IP_TIMEOUT, "sysctl", "-q", "-w", "net.ipv6.conf." + ifB + ".accept_dad=0");
    a.run(IP_TIMEOUT, "ip", "link", "set", ifA, "up").requireSuccess("link up " + ifA);
    b.run(IP_TIMEOUT, "ip", "link", "set", ifB, "up").requireSuccess("link up " + ifB);
  }

  public String name() {
    return name;
  }

  /** The command line prefix that runs a program inside this namespace. */
  public List<String> prefix() {
    return List.of("ip", "netns", "exec", name);
  }

  /** Runs a command inside the namespace and waits for it, killing it after the timeout. */
  public Result run(Duration timeout, String... command) {
    List<String> cmd = new ArrayList<>(prefix());
    cmd.addAll(List.of(command));
    return exec(timeout, cmd);
  }

  /**
   * Starts a long-running program (a server, the agent) inside the namespace, its output to a
   * log file; it is stopped when the namespace is closed.
   */
  public Process spawn(Path log, String... command) {
    List<String> cmd = new ArrayList<>(prefix());
    cmd.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      spawned.add(p);
      return p;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + cmd + ": " + e.getMessage(), e);
    }
  }

  /** Sends SIGTERM and waits up to the timeout; returns the exit code (or -1 if it had to be killed). */
  public static int terminate(Process p, Duration timeout) throws InterruptedException {
    p.destroy();
    if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return p.exitValue();
    }
    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    return -1;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Process p : spawned) {
      try {
        terminate(p, Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    // processes still inside (children of what was spawned) would keep the namespace alive
    host(IP_TIMEOUT, "ip", "netns", "pids", name).stdout().lines()
        .forEach(pid -> host(IP_TIMEOUT, "kill", "-9", pid.strip()));
    host(IP_TIMEOUT, "ip", "netns", "del", name);
  }

  /** Fails (never skips) when a program the test needs is missing, naming its Debian package. */
  public static void requireBinary(String binary, String debianPackage) {
    for (String dir : new String[] {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return;
      }
    }
    throw new AssertionError(
        binary + " is missing: install the Debian package " + debianPackage
            + " (bin/peerscope test installs every package the tests use)");
  }

  public static void requireRoot() {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new AssertionError(
          "network namespace tests need root (CAP_NET_ADMIN); run the suite as root (bin/peerscope test)");
    }
  }

  /** Namespaces left by a test JVM that died before its cleanup ran. */
  private static void removeStale() {
    for (String line : host(IP_TIMEOUT, "ip", "netns", "list").stdout().split("\n")) {
      String ns = line.split(" ")[0];
      if (!ns.startsWith(PREFIX)) {
        continue;
      }
      String[] parts = ns.split("-");
      try {
        long pid = Long.parseLong(parts[parts.length - 2]);
        if (ProcessHandle.of(pid).isEmpty()) {
          host(IP_TIMEOUT, "ip", "netns", "del", ns);
        }
      } catch (RuntimeException e) {
        // not one of ours after all: leave it
      }
    }
  }

  static Result host(Duration timeout, String... command) {
    return exec(timeout, List.of(command));
  }

  private static Result exec(Duration timeout, List<String> cmd) {
    try {
      Path out = Files.createTempFile("netns-out", ".txt");
      Path err = Files.createTempFile("netns-err", ".txt");
      try {
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          return new Result(-1, Files.readString(out), "timed out after " + timeout + ": " + cmd);
        }
        return new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + cmd, e);
    }
  }
}
