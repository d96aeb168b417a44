/** The {@code peerscope} command line. */
package io.peerscope.app;
