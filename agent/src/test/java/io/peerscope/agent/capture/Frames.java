package io.peerscope.agent.capture;

import java.util.ArrayList;
import java.util.List;

/** Collects delivered frames (copied: the source reuses its buffer) for assertions. */
final class Frames implements FrameHandler {
  record Frame(int linkType, long tsMicros, byte[] bytes, int wireLen) {}

  final List<Frame> list = new ArrayList<>();

  @Override
  public void onFrame(int linkType, long tsMicros, byte[] buf, int offset, int capLen, int wireLen) {
    byte[] copy = new byte[capLen];
    System.arraycopy(buf, offset, copy, 0, capLen);
    list.add(new Frame(linkType, tsMicros, copy, wireLen));
  }

  Frame get(int i) {
    return list.get(i);
  }

  int size() {
    return list.size();
  }
}
