package io.peerscope.agent.smtp.fingerprint;

import io.peerscope.agent.metrics.Counter;
import io.peerscope.agent.metrics.Counters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Identifies mail server software from its greeting and its EHLO reply, with fingerprints in
 * Recog's format, compiled once.
 *
 * <p>Order of sources: the operator's extra files first, in the order configured, then the
 * project's own base; within a file the first matching fingerprint wins (Recog's rule). Extra files
 * come first because adding one is a deliberate act: an operator who drops Recog's {@code
 * smtp_banners.xml} in gets Recog's answers wherever Recog has one, and the project's base still
 * answers for what the extra files do not know (Exchange generations, cloud gateways, ...). The
 * project's base uses Recog's vocabulary for vendor and product names, so end-of-life data keys
 * on the same names whichever source matched.
 *
 * <p>Bounded: a line is cut to {@value #MAX_LINE_CHARS} characters, at most {@value #MAX_LINES}
 * lines of a multi-line greeting are tried, and every lookup has a budget of characters the regex
 * engine may read, so no pattern and no banner can stall the pipeline. Nothing is thrown. Thread
 * safe (compiled patterns are immutable, matchers are per call).
 */
public final class Fingerprinter {
  static final int MAX_LINE_CHARS = 1024;
  static final int MAX_LINES = 8;

  /** Characters the regex engine may read per lookup, over all fingerprints tried. */
  static final long MATCH_BUDGET = 2_000_000;

  private final List<FingerprintDatabase> bannerDbs;
  private final List<FingerprintDatabase> ehloDbs;
  private final Counter matched;
  private final Counter unmatched;
  private final Counter truncated;
  private final Counter budgetExceeded;

  /**
   * @param databases in order of precedence; each goes to banner or EHLO matching by {@link
   *     FingerprintDatabase#isEhlo()}
   */
  public Fingerprinter(List<FingerprintDatabase> databases, Counters counters) {
    List<FingerprintDatabase> banner = new ArrayList<>();
    List<FingerprintDatabase> ehlo = new ArrayList<>();
    for (FingerprintDatabase db : databases) {
      (db.isEhlo() ? ehlo : banner).add(db);
    }
    this.bannerDbs = List.copyOf(banner);
    this.ehloDbs = List.copyOf(ehlo);
    this.matched = counters.counter("smtp.fingerprint.matched");
    this.unmatched = counters.counter("smtp.fingerprint.unmatched");
    this.truncated = counters.counter("smtp.fingerprint.line_truncated");
    this.budgetExceeded = counters.counter("smtp.fingerprint.budget_exceeded");
    long rejected = databases.stream().mapToLong(d -> d.rejected().size()).sum();
    counters.counter("smtp.fingerprint.rejected_fingerprints").add(rejected);
  }

  /**
   * Loads the operator's extra files, then the project's own files (for example {@code
   * config/fingerprints/smtp_banners.xml} and {@code smtp_ehlo.xml}).
   *
   * @throws IOException when a file is missing or not a fingerprint file (a configuration error)
   */
  public static Fingerprinter load(List<Path> ownFiles, List<Path> extraFiles, Counters counters)
      throws IOException {
    List<FingerprintDatabase> dbs = new ArrayList<>();
    for (Path p : extraFiles) {
      dbs.add(RecogXmlLoader.load(p));
    }
    for (Path p : ownFiles) {
      dbs.add(RecogXmlLoader.load(p));
    }
    return new Fingerprinter(dbs, counters);
  }

  /** The project's own files in {@code configDir/fingerprints}. */
  public static List<Path> ownFiles(Path configDir) {
    Path dir = configDir.resolve("fingerprints");
    return List.of(dir.resolve("smtp_banners.xml"), dir.resolve("smtp_ehlo.xml"));
  }

  /**
   * The server's greeting: the text after {@code 220 } (a leading {@code 220 }/{@code 220-} is
   * tolerated). A multi-line greeting may be passed whole, lines separated by LF or CRLF; each
   * line is tried in order, as Recog does.
   */
  public Optional<SoftwareMatch> matchBanner(String banner) {
    return count(matchLines(bannerDbs, banner, true));
  }

  /** One line of the reply to EHLO, with its code: {@code 250-XEXCH50}, {@code 250 HELP}. */
  public Optional<SoftwareMatch> matchEhlo(String ehloReplyLine) {
    return count(matchLines(ehloDbs, ehloReplyLine, false));
  }

  /**
   * Banner first; when the banner leaves the product or version unknown, the EHLO lines may fill
   * them in, but only for the same vendor (an EHLO keyword never relabels a banner's product).
   */
  public Optional<SoftwareMatch> identify(String banner, List<String> ehloLines) {
    SoftwareMatch b = banner == null ? null : matchLines(bannerDbs, banner, true);
    if (b != null && b.product() != null && b.version() != null) {
      return count(b);
    }
    SoftwareMatch e = null;
    if (ehloLines != null) {
      int tried = 0;
      for (String line : ehloLines) {
        if (++tried > 64) {
          break;
        }
        e = matchLines(ehloDbs, line, false);
        if (e != null && e.product() != null) {
          break;
        }
      }
    }
    if (b == null) {
      return count(e);
    }
    if (e == null || (b.vendor() != null && !b.vendor().equalsIgnoreCase(Objects.toString(e.vendor(), "")))) {
      return count(b);
    }
    if (b.product() != null && e.product() != null && !b.product().equalsIgnoreCase(e.product())) {
      return count(b);
    }
    return count(
        new SoftwareMatch(
            b.vendor() != null ? b.vendor() : e.vendor(),
            b.product() != null ? b.product() : e.product(),
            b.version() != null ? b.version() : e.version(),
            b.family() != null ? b.family() : e.family(),
            b.osVendor() != null ? b.osVendor() : e.osVendor(),
            b.osFamily() != null ? b.osFamily() : e.osFamily(),
            b.osProduct() != null ? b.osProduct() : e.osProduct(),
            b.osVersion() != null ? b.osVersion() : e.osVersion(),
            b.cpe() != null ? b.cpe() : e.cpe(),
            b.description() + " + " + e.description(),
            b.source() + " + " + e.source(),
            merge(e, b)));
  }

  private static java.util.Map<String, String> merge(SoftwareMatch low, SoftwareMatch high) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>(low.attributes());
    m.putAll(high.attributes());
    return m;
  }

  private Optional<SoftwareMatch> count(SoftwareMatch m) {
    (m == null ? unmatched : matched).inc();
    return Optional.ofNullable(m);
  }

  private SoftwareMatch matchLines(List<FingerprintDatabase> dbs, String text, boolean stripCode) {
    if (text == null || text.isEmpty() || dbs.isEmpty()) {
      return null;
    }
    if (text.length() > MAX_LINE_CHARS * MAX_LINES) {
      text = text.substring(0, MAX_LINE_CHARS * MAX_LINES);
    }
    int start = 0;
    int lines = 0;
    MatchBudget budgetHolder = null;
    long budget = MATCH_BUDGET;
    while (start <= text.length() && lines < MAX_LINES) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(start, end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (stripCode) {
        line = stripReplyCode(line);
      }
      if (line.length() > MAX_LINE_CHARS) {
        truncated.inc();
        line = line.substring(0, MAX_LINE_CHARS);
      }
      lines++;
      if (!line.isEmpty()) {
        budgetHolder = new MatchBudget(line, budget);
        try {
          for (FingerprintDatabase db : dbs) {
            for (RecogFingerprint fp : db.fingerprints()) {
              SoftwareMatch m = fp.match(budgetHolder);
              if (m != null) {
                return m;
              }
            }
          }
        } catch (MatchBudget.Exceeded | StackOverflowError ex) {
          // a pathological pattern or line: report unknown rather than stall the pipeline
          budgetExceeded.inc();
          return null;
        }
        budget = budgetHolder.remaining();
      }
      if (nl < 0) {
        break;
      }
      start = nl + 1;
    }
    return null;
  }

  /** "220 host ESMTP" and "220-host ESMTP" to "host ESMTP" (Recog matches the text after the code). */
  static String stripReplyCode(String line) {
    if (line.length() >= 4
        && line.charAt(0) == '2'
        && Character.isDigit(line.charAt(1))
        && Character.isDigit(line.charAt(2))
        && (line.charAt(3) == ' ' || line.charAt(3) == '-')) {
      return line.substring(4);
    }
    if (line.length() == 3 && line.startsWith("2") && line.chars().allMatch(Character::isDigit)) {
      return "";
    }
    return line;
  }
}
