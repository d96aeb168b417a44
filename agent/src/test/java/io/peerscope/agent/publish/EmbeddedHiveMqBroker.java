package io.peerscope.agent.publish;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** HiveMQ CE embedded in the test JVM, on a loopback port, with file persistence in a temp dir. */
final class EmbeddedHiveMqBroker implements TestBroker {
  private final Path conf;
  private final Path data;
  private final Path extensions;
  private final int port;
  private EmbeddedHiveMQ hivemq;

  EmbeddedHiveMqBroker(Path dir) throws Exception {
    this.conf = Files.createDirectories(dir.resolve("conf"));
    this.data = Files.createDirectories(dir.resolve("data"));
    this.extensions = Files.createDirectories(dir.resolve("extensions"));
    this.port = TestBroker.freePort();
    Files.writeString(
        conf.resolve("config.xml"),
        """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
          </listeners>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """
            .formatted(port));
  }

  @Override
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void start() throws Exception {
    hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withEmbeddedExtension(allowAll())
            .build();
    hivemq.start().get(60, TimeUnit.SECONDS);
    TestBroker.awaitListening(port, 10_000);
  }

  @Override
  public void stop() throws Exception {
    if (hivemq != null) {
      hivemq.stop().get(60, TimeUnit.SECONDS);
      hivemq.close();
      hivemq = null;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  /** HiveMQ refuses every client until an authenticator is registered; the tests use none. */
  private static EmbeddedExtension allowAll() {
    return EmbeddedExtension.builder()
        .withId("peerscope-test-allow-all")
        .withName("allow all")
        .withVersion("1")
        .withExtensionMain(
            new ExtensionMain() {
              @Override
              public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                Services.securityRegistry()
                    .setAuthenticatorProvider(
                        input -> (SimpleAuthenticator) (a, o) -> o.authenticateSuccessfully());
              }

              @Override
              public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}
            })
        .build();
  }
}
