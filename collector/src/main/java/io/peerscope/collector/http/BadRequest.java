package io.peerscope.collector.http;

/** A request the API refuses with 400; the message tells the caller what to fix. */
final class BadRequest extends Exception {
  BadRequest(String message) {
    super(message, null, false, false);
  }
}
