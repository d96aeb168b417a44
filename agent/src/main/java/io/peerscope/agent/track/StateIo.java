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
    // ascending bins in either form (sparse pairs are kept sorted)
    out.writeShort(HourCounts.usedBins(hours));
    if (HourCounts.isDense(hours)) {
      for (int i = 0; i < hours.length; i++) {
        if (hours[i] != 0) {
          out.writeByte(i);
          out.writeInt(hours[i]);
        }
      }
    } else {
      for (int i = 0; i < hours[0]; i++) {
        out.writeByte(hours[1 + 2 * i]);
        out.writeInt(hours[2 + 2 * i]);
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
    int[] bins = new int[n];
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      int idx = in.readUnsignedByte();
      if (idx >= HourOfWeek.BINS || (i > 0 && idx <= bins[i - 1])) {
        throw new IOException("hour-of-week bin " + idx + " out of order");
      }
      int count = in.readInt();
      if (count <= 0) {
        throw new IOException("hour-of-week bin " + idx + " with count " + count);
      }
      bins[i] = idx;
      counts[i] = count;
    }
    return HourCounts.of(bins, counts, n);
  }

  static void writeSketch(DataOutput out, byte[] sketch) throws IOException {
    out.writeBoolean(sketch != null);
    if (sketch != null) {
      out.write(HyperLogLog.registers(sketch));
    }
  }

  static byte[] readSketch(DataInput in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    byte[] r = new byte[HyperLogLog.M];
    in.readFully(r);
    return HyperLogLog.of(r);
  }
}
