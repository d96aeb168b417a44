package io.peerscope.collector.broker;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.peerscope.wire.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Admits clients to the embedded broker. With credentials configured it accepts exactly that one
 * user name and password, compared in constant time so the answer time does not leak how much of
 * a guess was right; without, everyone (the configuration allows that only on loopback).
 *
 * <p>Admitted clients may use the peerscope topics only: the broker is the sensors' channel to
 * the collector, not a general-purpose relay.
 */
final class SensorAuthenticator implements SimpleAuthenticator {
  private static final List<String> TOPICS =
      List.of(Topics.ALL_FINDINGS, Topics.ALL_SUMMARIES, Topics.ALL_STATUS);

  private final byte[] username;
  private final byte[] password;

  /** Null credentials admit every client. */
  SensorAuthenticator(String username, String password) {
    this.username = username == null ? null : username.getBytes(StandardCharsets.UTF_8);
    this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    if (username == null || credentialsMatch(input.getConnectPacket())) {
      ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
      for (String filter : TOPICS) {
        permissions.add(
            Builders.topicPermission()
                .topicFilter(filter)
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(TopicPermission.MqttActivity.ALL)
                .build());
      }
      permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
      output.authenticateSuccessfully();
    } else {
      output.failAuthentication(
          ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
    }
  }

  private boolean credentialsMatch(ConnectPacket connect) {
    byte[] user = connect.getUserName().map(u -> u.getBytes(StandardCharsets.UTF_8)).orElse(null);
    byte[] pass = connect.getPassword().map(SensorAuthenticator::bytes).orElse(null);
    boolean userOk = user != null && MessageDigest.isEqual(user, username);
    boolean passOk = pass != null && MessageDigest.isEqual(pass, password);
    return userOk & passOk;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.asReadOnlyBuffer();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
