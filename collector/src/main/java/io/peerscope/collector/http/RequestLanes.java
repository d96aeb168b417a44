package io.peerscope.collector.http;

import io.netty.channel.Channel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Worker threads for the API, off the I/O loop because requests read the database. Each
 * connection is pinned to one single-threaded lane, so pipelined HTTP/1.1 requests are answered
 * in the order they came (RFC 9112 section 9.3.2). Each lane's queue is bounded; past it the
 * request is rejected and answered 503.
 */
final class RequestLanes implements AutoCloseable {
  private final ExecutorService[] lanes;

  RequestLanes(int count, int queuedPerLane) {
    lanes = new ExecutorService[count];
    for (int i = 0; i < count; i++) {
      String name = "http-api-" + i;
      lanes[i] =
          new ThreadPoolExecutor(
              1,
              1,
              0,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(queuedPerLane),
              r -> {
                Thread thread = new Thread(r, name);
                thread.setDaemon(true);
                return thread;
              });
    }
  }

  /** Runs {@code task} on the connection's lane; throws RejectedExecutionException when full. */
  void execute(Channel channel, Runnable task) throws RejectedExecutionException {
    lanes[Math.floorMod(channel.id().hashCode(), lanes.length)].execute(task);
  }

  @Override
  public void close() {
    for (ExecutorService lane : lanes) {
      lane.shutdownNow();
    }
  }
}
