package io.peerscope.app.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A private Postfix instance for one test, run inside a network namespace: its own configuration
 * directory, queue, data directory and log file under a temporary directory, never the host's
 * /etc/postfix or port 25. It listens on one address, ports 25 (smtp) and 587 (submission), and
 * offers on both:
 *
 * <ul>
 *   <li>STARTTLS with a self-signed certificate made here with openssl, TLS at most 1.2: in
 *       TLS 1.3 the certificate travels encrypted (RFC 8446 section 4.4.2) and a passive sensor
 *       could not judge it;
 *   <li>SASL AUTH PLAIN and LOGIN in cleartext ({@code smtpd_tls_auth_only = no}), checked by
 *       Cyrus SASL against a sasldb with one user; Cyrus runs inside smtpd, so no second daemon;
 *   <li>mail for {@code example.test} accepted and discarded.
 * </ul>
 *
 * <p>Debian packages: postfix, sasl2-bin (saslpasswd2), libsasl2-modules (the PLAIN and LOGIN
 * mechanisms), libsasl2-modules-db (the sasldb plugin), openssl; iproute2 for {@code ss}.
 */
public final class PostfixInstance implements AutoCloseable {
  public static final String DOMAIN = "example.test";
  public static final String HOSTNAME = "mail.example.test";
  private static final Duration STEP = Duration.ofSeconds(30);

  private final NetNs ns;
  private final Path root;
  private final Path etc;
  private boolean started;

  private PostfixInstance(NetNs ns, Path root) {
    this.ns = ns;
    this.root = root;
    this.etc = root.resolve("etc");
  }

  /** Fails, naming the Debian package, when a program or SASL module this instance needs is missing. */
  public static void requirePackages() {
    NetNs.requireBinary("postfix", "postfix");
    NetNs.requireBinary("saslpasswd2", "sasl2-bin");
    NetNs.requireBinary("openssl", "openssl");
    NetNs.requireBinary("ss", "iproute2");
    requireSaslPlugin("liblogin.so", "libsasl2-modules");
    requireSaslPlugin("libsasldb.so", "libsasl2-modules-db");
  }

  /**
   * Writes the configuration under {@code root}, adds {@code user} with {@code password} (domain
   * {@link #DOMAIN}), starts Postfix inside {@code ns} listening on {@code address} ports 25 and
   * 587 and returns once both accept connections.
   */
  public static PostfixInstance start(NetNs ns, Path root, String address, String user, String password)
      throws Exception {
    PostfixInstance p = new PostfixInstance(ns, root);
    p.configure(address, user, password);
    p.started = true;
    try {
      // the same checks and queue layout as "postfix start"; a configuration error ends here
      ns.run(STEP, "postfix", "-c", p.etc.toString(), "check").requireSuccess("postfix check: " + p.maillog());
      ns.run(STEP, "postfix", "-c", p.etc.toString(), "start").requireSuccess("postfix start: " + p.maillog());
      p.awaitListening(address);
    } catch (RuntimeException | Error e) {
      p.close();
      throw e;
    }
    return p;
  }

  /** Postfix's own log of this instance (maillog_file): connections, SASL results, deliveries. */
  public String maillog() {
    try {
      Path log = root.resolve("maillog");
      return Files.exists(log) ? Files.readString(log) : "(no maillog yet)";
    } catch (IOException e) {
      return "(maillog unreadable: " + e.getMessage() + ")";
    }
  }

  private void configure(String address, String user, String password) throws Exception {
    Path spool = root.resolve("spool");
    Path data = root.resolve("data");
    Path sasl = root.resolve("sasl");
    Files.createDirectories(root);
    traversableByOthers(root.toAbsolutePath().getParent());
    for (Path d : List.of(root, etc, etc.resolve("sasl"), spool, data, sasl)) {
      Files.createDirectories(d);
      // smtpd runs as user postfix: it must reach its files under the test's private temp dir
      Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path cert = etc.resolve("cert.pem");
    Path key = etc.resolve("key.pem");
    NetNs.host(STEP, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=" + HOSTNAME, "-keyout", key.toString(), "-out", cert.toString())
        .requireSuccess("openssl req (self-signed certificate)");

    Files.writeString(etc.resolve("main.cf"), mainCf(address, spool, data, cert, key));
    Files.writeString(etc.resolve("master.cf"), MASTER_CF);
    // Debian's Postfix reads <config_directory>/sasl/smtpd.conf; cyrus_sasl_config_path says the same elsewhere
    Files.writeString(etc.resolve("sasl").resolve("smtpd.conf"),
        "pwcheck_method: auxprop\n"
            + "auxprop_plugin: sasldb\n"
            + "sasldb_path: " + sasl.resolve("sasldb2") + "\n"
            + "mech_list: PLAIN LOGIN\n");
    addUser(sasl.resolve("sasldb2"), user, password);
    NetNs.host(STEP, "chown", "postfix", data.toString(), sasl.resolve("sasldb2").toString())
        .requireSuccess("chown postfix");
  }

  /**
   * Temporary directories are private to their owner (JUnit's are rwx------); Postfix's daemons
   * run as user postfix and must pass through them to reach their queue, so the directories above
   * the instance get execute permission for others, read stays denied.
   */
  private static void traversableByOthers(Path dir) throws IOException {
    for (Path d = dir; d != null; d = d.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(d);
      if (perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return;
      }
      perms.add(PosixFilePermission.OTHERS_EXECUTE);
      Files.setPosixFilePermissions(d, perms);
    }
  }

  private static String mainCf(String address, Path spool, Path data, Path cert, Path key) {
    return String.join("\n",
        "compatibility_level = 3.6",
        "config_directory = " + cert.getParent(),
        "queue_directory = " + spool,
        "data_directory = " + data,
        "mail_owner = postfix",
        "setgid_group = postdrop",
        "myhostname = " + HOSTNAME,
        "mydomain = " + DOMAIN,
        "myorigin = " + DOMAIN,
        "mydestination =",
        "inet_interfaces = " + address,
        "inet_protocols = ipv4",
        "mynetworks = 127.0.0.0/8",
        // mail for example.test is accepted and thrown away: nothing leaves the namespace
        "relay_domains = " + DOMAIN,
        "relay_transport = discard:",
        "default_transport = discard:",
        "alias_maps =",
        "alias_database =",
        "biff = no",
        "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination",
        // no DNS inside the namespace: the client's reverse name would only time out
        "smtpd_peername_lookup = no",
        "smtpd_tls_security_level = may",
        "smtpd_tls_cert_file = " + cert,
        "smtpd_tls_key_file = " + key,
        "smtpd_tls_protocols = >=TLSv1 <=TLSv1.2",
        "smtpd_sasl_auth_enable = yes",
        "smtpd_sasl_type = cyrus",
        "smtpd_sasl_path = smtpd",
        "cyrus_sasl_config_path = " + cert.getParent().resolve("sasl"),
        "smtpd_sasl_local_domain = " + DOMAIN,
        "smtpd_tls_auth_only = no",
        "maillog_file = " + spool.getParent().resolve("maillog"),
        "maillog_file_prefixes = " + spool.getParent(),
        "");
  }

  // Postfix's services with chroot off ("n" in column 5): the queue is a temp dir, not a jail.
  private static final String MASTER_CF =
      String.join("\n",
          "smtp      inet  n       -       n       -       -       smtpd",
          "submission inet n      -       n       -       -       smtpd",
          "pickup    unix  n       -       n       60      1       pickup",
          "cleanup   unix  n       -       n       -       0       cleanup",
          "qmgr      unix  n       -       n       300     1       qmgr",
          "tlsmgr    unix  -       -       n       1000?   1       tlsmgr",
          "rewrite   unix  -       -       n       -       -       trivial-rewrite",
          "bounce    unix  -       -       n       -       0       bounce",
          "defer     unix  -       -       n       -       0       bounce",
          "trace     unix  -       -       n       -       0       bounce",
          "verify    unix  -       -       n       -       1       verify",
          "flush     unix  n       -       n       1000?   0       flush",
          "proxymap  unix  -       -       n       -       -       proxymap",
          "showq     unix  n       -       n       -       -       showq",
          "error     unix  -       -       n       -       -       error",
          "retry     unix  -       -       n       -       -       error",
          "discard   unix  -       -       n       -       -       discard",
          "anvil     unix  -       -       n       -       1       anvil",
          "scache    unix  -       -       n       -       1       scache",
          "postlog   unix-dgram n  -       n       -       1       postlogd",
          "");

  /** saslpasswd2 reads the password from stdin (-p), so it never shows in a process list. */
  private static void addUser(Path db, String user, String password) throws Exception {
    Process p =
        new ProcessBuilder("saslpasswd2", "-p", "-c", "-f", db.toString(), "-u", DOMAIN, user)
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(STEP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("saslpasswd2 did not finish within " + STEP);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("saslpasswd2 failed (" + p.exitValue() + "): " + out);
    }
  }

  private void awaitListening(String address) throws Exception {
    long deadline = System.nanoTime() + STEP.toNanos();
    while (true) {
      String listening = ns.run(STEP, "ss", "-Hltn").stdout();
      if (listening.contains(address + ":25 ") && listening.contains(address + ":587 ")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Postfix did not listen on " + address + " ports 25 and 587 within " + STEP
            + ": " + listening + "\n" + maillog());
      }
      Thread.sleep(100);
    }
  }

  private static void requireSaslPlugin(String file, String debianPackage) {
    try (Stream<Path> dirs = Stream.of(Path.of("/usr/lib"), Path.of("/usr/lib64"))) {
      boolean found =
          dirs.filter(Files::isDirectory)
              .flatMap(PostfixInstance::saslDirs)
              .anyMatch(d -> Files.exists(d.resolve(file)) || Files.exists(d.resolve(file + ".2")));
      if (!found) {
        throw new AssertionError("the Cyrus SASL plugin " + file + " is missing: install the Debian package "
            + debianPackage + " (bin/peerscope test installs every package the tests use)");
      }
    }
  }

  /** /usr/lib/sasl2 and the multiarch /usr/lib/x86_64-linux-gnu/sasl2. */
  private static Stream<Path> saslDirs(Path lib) {
    try (Stream<Path> children = Files.list(lib)) {
      List<Path> dirs = children.map(c -> c.resolve("sasl2")).filter(Files::isDirectory).toList();
      return Stream.concat(Stream.of(lib.resolve("sasl2")), dirs.stream());
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  @Override
  public void close() {
    if (started) {
      started = false;
      ns.run(STEP, "postfix", "-c", etc.toString(), "stop");
    }
  }
}
