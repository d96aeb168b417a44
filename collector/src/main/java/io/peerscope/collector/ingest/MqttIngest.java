package io.peerscope.collector.ingest;

import io.peerscope.collector.CollectorMetrics;
import io.peerscope.wire.EarlyFailureHoldingSocketFactory;
import io.peerscope.wire.Topics;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's MQTT subscription to every sensor's findings, summary and status (QoS 1).
 *
 * <p>The session is persistent (clean session false) under a stable client id, so the broker
 * keeps QoS 1 messages published while the collector is away and delivers them on reconnect.
 * Connections are made and retried here, with backoff, not by Paho's automatic reconnect: Paho
 * waits for a broker's CONNACK without a limit and refuses every other attempt meanwhile, so an
 * attempt that a broker accepted but never answered (restarting, hung) would end ingestion for
 * good. An attempt still pending after {@link #CONNECT_WAIT_MS} is ended and retried.
 * Subscriptions are renewed on every connection because a broker that lost its state forgets
 * them.
 */
public final class MqttIngest implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);
  private static final String[] TOPICS = {
    Topics.ALL_FINDINGS, Topics.ALL_SUMMARIES, Topics.ALL_STATUS
  };
  private static final int[] QOS = {1, 1, 1};
  private static final long MAX_BACKOFF_MS = 30_000;
  private static final int STORE_ATTEMPTS = 3;
  private static final long STORE_RETRY_MS = 200;
  private static final int CONNECT_TIMEOUT_S = 10;
  /** Past the TCP connect timeout: a broker that accepted answers CONNECT in well under this. */
  static final long CONNECT_WAIT_MS = TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_S + 5);

  private final MqttAsyncClient client;
  private final MqttConnectOptions options;
  private final IngestHandler handler;
  private final CollectorMetrics metrics;
  private final ScheduledExecutorService retry;
  private volatile boolean subscribed;
  private volatile boolean closed;
  // touched by Paho's threads and the connect thread
  private volatile long backoffMs = 500;
  private volatile boolean lossLogged;
  private volatile boolean everConnected;
  /** The current attempt's number: callbacks of an attempt already ended or superseded are ignored. */
  private final AtomicLong attempts = new AtomicLong();

  public MqttIngest(
      String brokerUrl,
      String clientId,
      String username,
      String password,
      IngestHandler handler,
      CollectorMetrics metrics)
      throws MqttException {
    this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
    this.handler = handler;
    this.metrics = metrics;
    this.options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(CONNECT_TIMEOUT_S);
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    if (brokerUrl.startsWith("tcp://")) {
      // a broker that accepts and closes at once would leave a Paho thread behind per attempt
      options.setSocketFactory(EarlyFailureHoldingSocketFactory.forPaho());
    }
    if (username != null) {
      options.setUserName(username);
      options.setPassword(password.toCharArray());
    }
    this.retry =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "mqtt-ingest-connect");
              thread.setDaemon(true);
              return thread;
            });
    client.setCallback(new Callback());
  }

  /** Starts connecting in the background; {@link #isConnected()} tells when it is done. */
  public void start() {
    retry.execute(this::connect);
  }

  /** True while connected to the broker with the subscriptions in place. */
  public boolean isConnected() {
    return client.isConnected() && subscribed;
  }

  private void connect() {
    if (closed) {
      return;
    }
    long attempt = attempts.incrementAndGet();
    try {
      IMqttToken token =
          client.connect(
              options,
              null,
              new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                  backoffMs = 500;
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                  if (attempts.get() == attempt) {
                    scheduleRetry(failure);
                  }
                }
              });
      retry.schedule(() -> abandonIfPending(attempt, token), CONNECT_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (MqttException | RuntimeException e) {
      scheduleRetry(e);
    }
  }

  private void abandonIfPending(long attempt, IMqttToken token) {
    if (closed || token.isComplete() || !attempts.compareAndSet(attempt, attempt + 1)) {
      return;
    }
    try {
      client.disconnectForcibly(0, 0, false);
    } catch (MqttException | RuntimeException e) {
      LOG.debug("ending an unanswered MQTT connect: {}", e.toString());
    }
    scheduleRetry(new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT));
  }

  private void scheduleRetry(Throwable failure) {
    if (closed) {
      return;
    }
    if (!lossLogged) {
      lossLogged = true;
      LOG.warn(
          "cannot connect to MQTT broker {} ({}); retrying with backoff up to {} s",
          client.getServerURI(),
          failure == null ? "unknown" : failure.getMessage(),
          MAX_BACKOFF_MS / 1000);
    }
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    try {
      retry.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    } catch (RuntimeException rejectedAfterClose) {
      // closing: nothing more to schedule
    }
  }

  private final class Callback implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      metrics.brokerConnects.increment();
      lossLogged = false;
      LOG.info("{} MQTT broker {}", everConnected ? "reconnected to" : "connected to", serverUri);
      everConnected = true;
      try {
        // Asynchronous: blocking for the SUBACK on Paho's callback thread would deadlock it.
        client.subscribe(
            TOPICS,
            QOS,
            null,
            new IMqttActionListener() {
              @Override
              public void onSuccess(IMqttToken token) {
                // A SUBACK can refuse single filters (0x80, e.g. a broker ACL): that is a failure.
                for (int granted : token.getGrantedQos()) {
                  if (granted == 0x80) {
                    LOG.error("MQTT broker {} refused a subscription to {}", serverUri,
                        String.join(", ", TOPICS));
                    return;
                  }
                }
                subscribed = true;
              }

              @Override
              public void onFailure(IMqttToken token, Throwable failure) {
                LOG.error("MQTT subscription refused by {}: {}", serverUri, failure.toString());
              }
            });
      } catch (MqttException | RuntimeException e) {
        LOG.error("cannot subscribe on {}: {}", serverUri, e.toString());
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      subscribed = false;
      metrics.brokerDisconnects.increment();
      LOG.warn("lost the MQTT broker connection ({}); reconnecting", String.valueOf(cause));
      lossLogged = true; // said just above
      scheduleRetry(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // Anything thrown here makes Paho drop the connection: the handler never throws, and this
      // guard keeps even an Error in a dependency from cutting off every sensor.
      try {
        // A database hiccup gets two more tries before the message is acknowledged anyway:
        // holding the acknowledgement longer would stall every sensor behind one message.
        for (int attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
          if (handler.handle(topic, message.getPayload()) != IngestHandler.Outcome.FAILED) {
            return;
          }
          if (attempt < STORE_ATTEMPTS) {
            Thread.sleep(STORE_RETRY_MS);
          }
        }
        metrics.messagesLost.increment();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        metrics.storeErrors.increment();
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }

  @Override
  public void close() {
    closed = true;
    retry.shutdownNow();
    try {
      if (client.isConnected()) {
        client.disconnect(2_000).waitForCompletion(3_000);
      }
    } catch (MqttException e) {
      LOG.debug("MQTT disconnect: {}", e.toString());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("MQTT close: {}", e.toString());
    }
  }
}
