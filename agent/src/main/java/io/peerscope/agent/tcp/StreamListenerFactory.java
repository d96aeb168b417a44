package io.peerscope.agent.tcp;

/** Creates the protocol parser for a new TCP connection on a port the factory was registered for. */
@FunctionalInterface
public interface StreamListenerFactory {
  StreamListener open(TcpConnection connection, long tsMicros);
}
