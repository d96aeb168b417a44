package io.peerscope.agent.detect;

import io.peerscope.wire.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Keeps the latest version of every finding by id, as the collector's upsert would. */
final class FindingCollector implements FindingSink {
  final Map<String, Finding> latest = new LinkedHashMap<>();
  final List<Finding> sent = new ArrayList<>();

  @Override
  public void emit(Finding finding) {
    sent.add(finding);
    latest.put(finding.id(), finding);
  }

  /** "kind subject" of every finding, sorted. */
  TreeSet<String> kindsAndSubjects() {
    TreeSet<String> out = new TreeSet<>();
    latest.values().forEach(f -> out.add(f.kind() + " " + f.subject()));
    return out;
  }

  Finding get(String kind, String subject) {
    return latest.values().stream()
        .filter(f -> f.kind().equals(kind) && f.subject().equals(subject))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " finding for " + subject
            + "; findings: " + kindsAndSubjects()));
  }
}
