package io.peerscope.agent.track;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Encoding of the parts of the state file that several records share. */
final class StateIo {
  private StateIo() {}

  /** A histogram is mostly zeros and small counts: written as (index, count) of nonzero bins. */
  static void writeHours(DataOutput out, int[] hours) throws IOException {
    if (hours == null) {
      out.writeShort(-1);
      return;
    }
    int nonZero = 0;
    for (int h : hours) {
      if (h != 0) {
        nonZero++;
      }
    }
    out.writeShort(nonZero);
    for (int i = 0; i < hours.length; i++) {
      if (hours[i] != 0) {
        out.writeByte(i);
        out.writeInt(hours[i]);
      }
    }
  }

  static int[] readHours(DataInput in) throws IOException {
    int n = in.readShort();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > HourOfWeek.BINS) {
      throw new IOException("hour-of-week histogram with " + n + " bins");
    }
    int[] hours = new int[HourOfWeek.BINS];
    for (int i = 0; i < n; i++) {
      int idx = in.readUnsignedByte();
      if (idx >= HourOfWeek.BINS) {
        throw new IOException("hour-of-week bin " + idx);
      }
      hours[idx] = in.readInt();
    }
    return hours;
  }

  static void writeSketch(DataOutput out, HyperLogLog sketch) throws IOException {
    out.writeBoolean(sketch != null);
    if (sketch != null) {
      out.write(sketch.registers());
    }
  }

  static HyperLogLog readSketch(DataInput in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    byte[] r = new byte[HyperLogLog.M];
    in.readFully(r);
    return HyperLogLog.of(r);
  }
}
