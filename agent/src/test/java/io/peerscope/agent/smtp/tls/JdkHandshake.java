package io.peerscope.agent.smtp.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;

/**
 * Real handshake bytes: the JDK's own TLS client and server engines talk in memory, and every
 * byte each one sends is kept, exactly as a sensor would see it on the wire after STARTTLS.
 */
final class JdkHandshake {
  static final String HOST = "mail.example.test";
  static final char[] PASSWORD = "peerscope-test".toCharArray();

  record Transcript(byte[] clientBytes, byte[] serverBytes, String protocol, String cipherSuite) {}

  private JdkHandshake() {}

  /** A self-signed RSA key pair for {@link #HOST}, made by the JDK's keytool in {@code dir}. */
  static KeyStore selfSignedKeyStore(Path dir) throws Exception {
    Path ks = dir.resolve("self-signed.p12");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=" + HOST + ", O=peerscope test", "-ext", "san=dns:" + HOST,
        "-validity", "365", "-keystore", ks.toString());
    return load(ks);
  }

  /**
   * A server key whose certificate a test CA issued in 2020, valid for 30 days: long expired. The
   * server sends the chain (its certificate, then the CA's).
   */
  static KeyStore expiredCaSignedKeyStore(Path dir) throws Exception {
    // CA and server in one store so that the signed reply imports as a chain; the CA's private
    // key is then dropped so that the server can only present its own
    Path ks = dir.resolve("expired.p12");
    Path csr = dir.resolve("server.csr");
    Path signed = dir.resolve("server.pem");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=peerscope test CA", "-ext", "bc:c", "-validity", "3650", "-keystore", ks.toString());
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=" + HOST, "-validity", "365", "-keystore", ks.toString());
    keytool("-certreq", "-alias", "server", "-file", csr.toString(), "-keystore", ks.toString());
    keytool("-gencert", "-alias", "ca", "-infile", csr.toString(), "-outfile", signed.toString(), "-rfc",
        "-startdate", "2020/01/01 00:00:00", "-validity", "30", "-keystore", ks.toString());
    keytool("-importcert", "-alias", "server", "-file", signed.toString(), "-keystore", ks.toString());
    KeyStore store = load(ks);
    store.deleteEntry("ca");
    return store;
  }

  private static KeyStore load(Path ks) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new AssertionError("keytool not found at " + keytool + " (it ships with every JDK)");
    }
    // a short-lived tool: the C1 compiler alone starts it faster on a busy machine
    List<String> cmd = new java.util.ArrayList<>(List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-noprompt"));
    if (args[0].equals("-genkeypair")) {
      cmd.addAll(List.of("-keypass", new String(PASSWORD)));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readNBytes(64 * 1024);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("keytool did not finish within 60 s");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("keytool " + args[0] + " failed: " + new String(out));
    }
  }

  static Transcript run(KeyStore keys, String protocol) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    // the client accepts any certificate: the point is the bytes, expired and self-signed included
    ctx.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {new AcceptAll()}, null);

    SSLEngine server = ctx.createSSLEngine();
    server.setUseClientMode(false);
    server.setEnabledProtocols(new String[] {protocol});
    SSLEngine client = ctx.createSSLEngine(HOST, 25);
    client.setUseClientMode(true);
    client.setEnabledProtocols(new String[] {protocol});
    SSLParameters params = client.getSSLParameters();
    params.setServerNames(List.of(new SNIHostName(HOST)));
    client.setSSLParameters(params);

    ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
    ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
    ByteArrayOutputStream toServer = new ByteArrayOutputStream();
    ByteArrayOutputStream toClient = new ByteArrayOutputStream();
    client.beginHandshake();
    server.beginHandshake();
    for (int round = 0; round < 200 && !(finished(client) && finished(server)); round++) {
      pump(client, toServer, toClient, fromClient);
      pump(server, toClient, toServer, fromServer);
    }
    if (!(finished(client) && finished(server))) {
      throw new AssertionError("handshake did not complete in 200 rounds");
    }
    return new Transcript(
        fromClient.toByteArray(), fromServer.toByteArray(),
        client.getSession().getProtocol(), client.getSession().getCipherSuite());
  }

  private static boolean finished(SSLEngine e) {
    HandshakeStatus s = e.getHandshakeStatus();
    return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
  }

  /** Lets one engine send what it wants (kept in wire and outbox) and read what its peer sent. */
  private static void pump(SSLEngine e, ByteArrayOutputStream outbox, ByteArrayOutputStream inbox, ByteArrayOutputStream wire)
      throws IOException {
    ByteBuffer empty = ByteBuffer.allocate(0);
    ByteBuffer net = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
    ByteBuffer app = ByteBuffer.allocate(e.getSession().getApplicationBufferSize());
    for (int i = 0; i < 50; i++) {
      HandshakeStatus hs = e.getHandshakeStatus();
      if (hs == HandshakeStatus.NEED_TASK) {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
          task.run();
        }
      } else if (hs == HandshakeStatus.NEED_WRAP) {
        net.clear();
        e.wrap(empty, net);
        net.flip();
        byte[] bytes = new byte[net.remaining()];
        net.get(bytes);
        wire.write(bytes);
        outbox.write(bytes);
      } else if (hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN) {
        if (inbox.size() == 0 && hs == HandshakeStatus.NEED_UNWRAP) {
          return;
        }
        ByteBuffer src = ByteBuffer.wrap(inbox.toByteArray());
        app.clear();
        SSLEngineResult r = e.unwrap(src, app);
        byte[] rest = new byte[src.remaining()];
        src.get(rest);
        inbox.reset();
        inbox.write(rest);
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
          return;
        }
      } else {
        return;
      }
    }
  }

  private static final class AcceptAll extends javax.net.ssl.X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a, java.net.Socket s) {}

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a, java.net.Socket s) {}

    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a, SSLEngine e) {}

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a, SSLEngine e) {}

    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

    @Override
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0];
    }
  }
}
