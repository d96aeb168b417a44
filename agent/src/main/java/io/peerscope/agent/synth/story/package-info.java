/**
 * The project's own story capture (issue 4): three weeks of DNS in which a mail host is looked
 * up by one organisation in office hours of UTC+3, removed, and replaced four days later by a new
 * name first asked by the same organisation; with hundreds of background resolvers, a polling
 * bot, two controls and an optional random-subdomain flood. {@link
 * io.peerscope.agent.synth.story.StoryCapture} writes it as pcap, {@link
 * io.peerscope.agent.synth.story.StoryFrameSource} generates the same frames straight into an
 * agent, {@link io.peerscope.agent.synth.story.StoryTransactions} hands it over as DNS
 * transactions, {@link
 * io.peerscope.agent.synth.story.StoryCast} names the planted actors and the expected findings.
 */
package io.peerscope.agent.synth.story;
