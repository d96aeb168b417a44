package io.peerscope.agent.tcp;

import io.peerscope.agent.decode.IpAddress;

/** A TCP connection, oriented: the client opened it (or, picked up midstream, spoke to the well-known port). */
public record TcpConnection(IpAddress client, int clientPort, IpAddress server, int serverPort) {}
