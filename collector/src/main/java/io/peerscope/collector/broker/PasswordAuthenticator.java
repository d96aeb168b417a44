package io.peerscope.collector.broker;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Accepts exactly one user name and password. Both are compared in constant time so the answer
 * time does not leak how much of a guess was right.
 */
final class PasswordAuthenticator implements SimpleAuthenticator {
  private final byte[] username;
  private final byte[] password;

  PasswordAuthenticator(String username, String password) {
    this.username = username.getBytes(StandardCharsets.UTF_8);
    this.password = password.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
    ConnectPacket connect = input.getConnectPacket();
    byte[] user = connect.getUserName().map(u -> u.getBytes(StandardCharsets.UTF_8)).orElse(null);
    byte[] pass = connect.getPassword().map(PasswordAuthenticator::bytes).orElse(null);
    boolean userOk = user != null && MessageDigest.isEqual(user, username);
    boolean passOk = pass != null && MessageDigest.isEqual(pass, password);
    if (userOk && passOk) {
      output.authenticateSuccessfully();
    } else {
      output.failAuthentication(
          ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.asReadOnlyBuffer();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
