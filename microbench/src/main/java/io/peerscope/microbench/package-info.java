/** JMH microbenchmarks. */
package io.peerscope.microbench;
