package io.peerscope.collector.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/**
 * The embedded broker's security extension. HiveMQ refuses every client while no security
 * extension is registered (since 4.3), so one is always installed: with credentials configured it
 * checks them and anonymous clients are rejected; without, it admits everyone, which the
 * configuration only allows on a loopback listener.
 */
final class BrokerSecurity implements ExtensionMain {
  private final String username;
  private final String password;

  BrokerSecurity(String username, String password) {
    this.username = username;
    this.password = password;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    SimpleAuthenticator authenticator = new SensorAuthenticator(username, password);
    Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}
}
