package io.peerscope.agent.tcp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything a connection delivered, to compare with what was sent. */
final class RecordingStreamListener implements StreamListener {
  final TcpConnection connection;
  final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
  final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
  final List<String> events = new ArrayList<>();
  CloseReason closeReason;
  int closes;

  RecordingStreamListener(TcpConnection connection) {
    this.connection = connection;
  }

  @Override
  public void onData(boolean client, long tsMicros, byte[] buf, int offset, int length) {
    (client ? fromClient : fromServer).write(buf, offset, length);
    events.add((client ? "c" : "s") + ":" + new String(buf, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Override
  public void onGap(boolean client, long tsMicros, long missingBytes) {
    events.add((client ? "c" : "s") + ":gap " + missingBytes);
  }

  @Override
  public void onClose(long tsMicros, CloseReason reason) {
    closeReason = reason;
    closes++;
    events.add("close " + reason);
  }

  String client() {
    return fromClient.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  String server() {
    return fromServer.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
