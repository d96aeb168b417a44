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
import javax.net.ssl.TrustManagerFactory;

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
    Path ks = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new AssertionError("keytool not found at " + keytool + " (it ships with every JDK)");
    }
    Process p =
        new ProcessBuilder(
                keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=" + HOST + ", O=peerscope test", "-ext", "san=dns:" + HOST,
                "-validity", "365", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-noprompt")
            .redirectErrorStream(true)
            .start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readNBytes(64 * 1024);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("keytool did not finish within 60 s");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("keytool failed: " + new String(out));
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  static Transcript run(KeyStore keys, String protocol) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

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
}
