package io.peerscope.agent.smtp.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads Recog's XML fingerprint format ({@code <fingerprints><fingerprint pattern= flags=>} with
 * {@code <description>}, {@code <example>} and {@code <param>} children). Patterns are compiled
 * once here. A fingerprint that does not compile is skipped and reported, not fatal: an operator's
 * edit to one entry must not blind the sensor to every other server. A file that is not XML at all
 * is fatal (IOException): that is a configuration error to report at start.
 */
public final class RecogXmlLoader {
  /** Larger than any real fingerprint file (Recog's biggest is under 2 MB). */
  static final long MAX_FILE_BYTES = 16L << 20;

  static final int MAX_PATTERN_CHARS = 4096;

  private RecogXmlLoader() {}

  public static FingerprintDatabase load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": fingerprint file not found");
    }
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IOException(file + ": " + size + " bytes, more than the " + MAX_FILE_BYTES + " allowed");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.getFileName().toString());
    }
  }

  public static FingerprintDatabase load(InputStream in, String source) throws IOException {
    Document doc;
    try {
      doc = builder().parse(in);
    } catch (SAXException | ParserConfigurationException e) {
      throw new IOException(source + ": not a Recog fingerprint file: " + e.getMessage(), e);
    }
    Element root = doc.getDocumentElement();
    if (!"fingerprints".equals(root.getTagName())) {
      throw new IOException(source + ": root element is <" + root.getTagName() + ">, expected <fingerprints>");
    }
    List<RecogFingerprint> fps = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    NodeList children = root.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (n instanceof Element e && "fingerprint".equals(e.getTagName())) {
        try {
          fps.add(fingerprint(e, source));
        } catch (IllegalArgumentException ex) {
          rejected.add(ex.getMessage());
        }
      }
    }
    String matches = root.hasAttribute("matches") ? root.getAttribute("matches") : null;
    return new FingerprintDatabase(source, matches, fps, rejected);
  }

  private static RecogFingerprint fingerprint(Element e, String source) {
    String rubyPattern = e.getAttribute("pattern");
    if (rubyPattern.isEmpty() || rubyPattern.length() > MAX_PATTERN_CHARS) {
      throw new IllegalArgumentException("pattern missing or longer than " + MAX_PATTERN_CHARS + ": " + abbreviate(rubyPattern));
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(RubyRegex.toJava(rubyPattern), flags(e.getAttribute("flags")));
    } catch (PatternSyntaxException ex) {
      throw new IllegalArgumentException("pattern does not compile: " + abbreviate(rubyPattern) + ": " + ex.getDescription());
    }
    String description = null;
    List<RecogParam> params = new ArrayList<>();
    List<RecogExample> examples = new ArrayList<>();
    NodeList kids = e.getChildNodes();
    for (int i = 0; i < kids.getLength(); i++) {
      if (!(kids.item(i) instanceof Element k)) {
        continue;
      }
      switch (k.getTagName()) {
        case "description" -> description = k.getTextContent().strip().replaceAll("\\s+", " ");
        case "param" -> params.add(param(k, pattern, rubyPattern));
        case "example" -> examples.add(example(k));
        default -> {
          // other elements (Recog adds new ones over time) carry nothing we use
        }
      }
    }
    return new RecogFingerprint(pattern, description, params, examples, source);
  }

  private static RecogParam param(Element k, Pattern pattern, String rubyPattern) {
    int pos;
    try {
      pos = Integer.parseInt(k.getAttribute("pos").strip());
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("param without numeric pos in " + abbreviate(rubyPattern));
    }
    String name = k.getAttribute("name");
    int groups = pattern.matcher("").groupCount();
    if (name.isEmpty() || pos < 0 || pos > groups) {
      throw new IllegalArgumentException("param " + name + " pos " + pos + " outside the " + groups + " groups of " + abbreviate(rubyPattern));
    }
    String value = k.hasAttribute("value") ? k.getAttribute("value") : null;
    return new RecogParam(pos, name, value);
  }

  private static RecogExample example(Element k) {
    Map<String, String> expected = new LinkedHashMap<>();
    String text = k.getTextContent();
    boolean base64 = false;
    var attrs = k.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Node a = attrs.item(i);
      if ("_encoding".equals(a.getNodeName())) {
        base64 = "base64".equalsIgnoreCase(a.getNodeValue());
      } else if (!a.getNodeName().startsWith("_")) {
        expected.put(a.getNodeName(), a.getNodeValue());
      }
    }
    if (base64) {
      try {
        byte[] raw = Base64.getMimeDecoder().decode(text.strip());
        // banners are bytes; ISO-8859-1 keeps every byte as one char, as Recog's binary strings do
        text = new String(raw, StandardCharsets.ISO_8859_1);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("example with bad base64: " + abbreviate(text));
      }
    }
    return new RecogExample(text, expected);
  }

  /**
   * Recog's flag names (POSIX regcomp names) to Java. Ruby's MULTILINE, which Recog uses for all
   * three newline flags, is Java's DOTALL; Ruby's ^ and $ are per line by default, hence MULTILINE.
   */
  static int flags(String attr) {
    int f = Pattern.MULTILINE;
    for (String flag : attr.toUpperCase(Locale.ROOT).split("[,|\\s]+")) {
      switch (flag) {
        case "REG_ICASE", "IGNORECASE" -> f |= Pattern.CASE_INSENSITIVE;
        case "REG_MULTILINE", "REG_DOT_NEWLINE", "REG_LINE_ANY_CRLF" -> f |= Pattern.DOTALL;
        default -> {
          // unknown or empty flag: Recog ignores it too
        }
      }
    }
    return f;
  }

  private static DocumentBuilder builder() throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    // fingerprint files may come from anywhere: no DTDs, no external entities (XXE)
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(
        new org.xml.sax.ErrorHandler() {
          @Override
          public void warning(org.xml.sax.SAXParseException e) {}

          @Override
          public void error(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
          }

          @Override
          public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
          }
        });
    return b;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
