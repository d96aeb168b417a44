package io.peerscope.agent.synth.story;

import io.peerscope.agent.decode.IpAddress;
import java.util.List;

/**
 * The planted names and actors of the story. Names are under .example (RFC 2606) and addresses
 * are documentation ranges (RFC 5737, RFC 3849), so nothing here points at anyone real.
 */
public final class StoryCast {
  private StoryCast() {}

  /** The sensor watches this resolver service; every lookup goes to it, by address family. */
  public static final IpAddress SERVER = IpAddress.parse("198.51.100.53");
  public static final IpAddress SERVER_V6 = IpAddress.parse("2001:db8:53::53");

  /** The server a client of this address family talks to. */
  public static IpAddress server(IpAddress client) {
    return client.isV4() ? SERVER : SERVER_V6;
  }

  /** The mail host looked up by the bank's resolvers in office hours of UTC+3. */
  public static final String MAIL_HOST = "mail1.tower-mailer.example";
  public static final String MAIL_ADDRESS = "198.51.100.25";
  /** Two resolvers of one organisation (the bank abroad, 203.0.113.0/24). */
  public static final IpAddress BANK_RESOLVER_1 = IpAddress.parse("203.0.113.10");
  public static final IpAddress BANK_RESOLVER_2 = IpAddress.parse("203.0.113.11");
  public static final String BANK_ORGANISATION = "203.0.113.0/24";
  public static final int BANK_UTC_OFFSET = 3;
  /** Day (from the start) the mail host stops resolving: NXDOMAIN from 00:00 UTC. */
  public static final int REMOVAL_DAY = 14;
  /** Day the new name for the same address first appears: four days after the removal. */
  public static final int RENAME_DAY = 18;
  public static final String NEW_NAME = "mail.relay-desk.example";

  /** A program polling every five minutes, round the clock. */
  public static final String POLLED_NAME = "status.poll-bot.example";
  public static final String POLLED_ADDRESS = "198.51.100.90";
  public static final IpAddress POLLING_BOT = IpAddress.parse("192.0.2.77");
  public static final int POLL_PERIOD_SECONDS = 300;

  /** Control: mail policy (SPF, DMARC) checked by two mail filters round the clock. */
  public static final String POLICY_DOMAIN = "relay-partner.example";
  public static final String POLICY_DMARC = "_dmarc.relay-partner.example";
  public static final IpAddress MAIL_FILTER_1 = IpAddress.parse("2001:db8:aaaa::25");
  public static final IpAddress MAIL_FILTER_2 = IpAddress.parse("2001:db8:aaaa::26");

  /** Control: a name replaced on its address, but the new name is first asked by a stranger. */
  public static final String SHARED_OLD_NAME = "files.share-point.example";
  public static final String SHARED_NEW_NAME = "cdn.fileshare-new.example";
  public static final String SHARED_ADDRESS = "198.51.100.140";
  public static final IpAddress STRANGER = IpAddress.parse("2001:db8:bbbb::53");

  /** Parent of the random subdomains of the flood. */
  public static final String FLOOD_DOMAIN = "flood-target.example";

  /** The findings the story must produce, as kind and subject. */
  public static final List<List<String>> EXPECTED_FINDINGS = List.of(
      List.of("dns.exclusive-peer", MAIL_HOST),
      List.of("dns.link-severed", MAIL_HOST),
      List.of("dns.renamed-host", NEW_NAME),
      List.of("dns.beaconing", POLLED_NAME));

  /** Names that must not appear in any finding. */
  public static final List<String> CONTROL_NAMES =
      List.of(POLICY_DOMAIN, POLICY_DMARC, SHARED_OLD_NAME, SHARED_NEW_NAME);
}
