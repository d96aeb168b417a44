package io.peerscope.agent.smtp.fingerprint;

/**
 * One {@code <param>} of a Recog fingerprint: position 0 carries a fixed value (which may refer to
 * other parameters as {@code {service.version}}), position N takes capture group N of the match.
 */
record RecogParam(int pos, String name, String value) {}
