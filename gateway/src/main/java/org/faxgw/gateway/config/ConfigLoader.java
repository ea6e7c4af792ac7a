package org.faxgw.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.faxgw.smtp.IpNetwork;

/**
 * Reads {@code faxgw.yaml} into {@link FaxgwConfig}. Strict: unknown keys, duplicate keys, wrong
 * types and bad values stop start-up with {@code file:line: what is wrong}. {@code ${NAME}} in the
 * text is replaced by the environment variable NAME before parsing (an unset one is an error).
 */
public final class ConfigLoader {
  /** The file commands look for when no {@code --config} is given. */
  public static final Path DEFAULT_FILE = Path.of("conf", "faxgw.yaml");

  /**
   * An environment variable's name is upper case ({@code ${FAXGW_DB_PASSWORD}}); a {@code ${...}}
   * with lower-case letters is left as written: it is a placeholder of a template the gateway fills
   * in itself (a routing rule's subject: {@code ${tsi}}, {@code ${did}}, {@code ${callerNumber}}).
   */
  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

  private final Map<String, String> env;

  public ConfigLoader() {
    this(System.getenv());
  }

  public ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Loads {@code file}; with {@code file == null}, the default file when it exists, otherwise the
   * embedded defaults.
   */
  public FaxgwConfig load(Path file) throws ConfigException {
    if (file == null) {
      if (!Files.isRegularFile(DEFAULT_FILE)) {
        return FaxgwConfig.defaults();
      }
      file = DEFAULT_FILE;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(file.toString(), text);
  }

  /** Parses the text of a configuration file named {@code name} (for messages). */
  public FaxgwConfig parse(String name, String text) throws ConfigException {
    String expanded = expandEnvironment(name, text);
    YamlLines lines;
    try {
      lines = YamlLines.of(expanded);
    } catch (RuntimeException e) {
      throw new ConfigException(name + ": " + e.getMessage());
    }
    if (lines.isEmpty()) {
      return FaxgwConfig.defaults();
    }
    try {
      FaxgwConfig c = mapper().readValue(expanded, FaxgwConfig.class);
      return c == null ? FaxgwConfig.defaults() : c;
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds() == null
              ? ""
              : "; known keys: "
                  + e.getKnownPropertyIds().stream()
                      .map(Object::toString)
                      .sorted()
                      .collect(Collectors.joining(", "));
      throw new ConfigException(where(name, lines, e) + pathOf(e) + ": unknown key" + known);
    } catch (JsonMappingException e) {
      throw new ConfigException(where(name, lines, e) + pathOf(e) + ": " + reason(e));
    } catch (JsonProcessingException e) {
      throw new ConfigException(where(name, e.getLocation()) + " " + e.getOriginalMessage());
    }
  }

  private String expandEnvironment(String name, String text) throws ConfigException {
    StringBuilder out = new StringBuilder(text.length());
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = commentStart(line);
      String content = hash < 0 ? line : line.substring(0, hash);
      Matcher m = ENV.matcher(content);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String value = env.get(m.group(1));
        if (value == null) {
          throw new ConfigException(
              name + ":" + (i + 1) + ": environment variable " + m.group(1) + " is not set");
        }
        if (value.indexOf('\n') >= 0) {
          throw new ConfigException(
              name + ":" + (i + 1) + ": environment variable " + m.group(1) + " holds a newline");
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      out.append(sb);
      if (hash >= 0) {
        out.append(line, hash, line.length());
      }
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** Start of a YAML comment outside quotes, or -1. */
  private static int commentStart(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#'
          && !single
          && !dbl
          && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code name:line:}, the line of the key the error is about when it can be found. */
  private static String where(String name, YamlLines lines, JsonMappingException e) {
    java.util.List<Object> path = new java.util.ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      path.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex());
    }
    int line = lines.lineOf(path);
    return line > 0 ? name + ":" + line + ":" : where(name, e.getLocation());
  }

  private static String where(String name, JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? name + ":" : name + ":" + loc.getLineNr() + ":";
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "" : " " + sb;
  }

  private static String reason(JsonMappingException e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof IllegalArgumentException || t instanceof ArithmeticException) {
      return t.getMessage();
    }
    String m = e.getOriginalMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  static ObjectMapper mapper() {
    SimpleModule values = new SimpleModule("faxgw-config-values");
    values.addDeserializer(HostPort.class, scalar(HostPort.class, HostPort::parse));
    values.addDeserializer(DataSize.class, scalar(DataSize.class, DataSize::parse));
    values.addDeserializer(Duration.class, scalar(Duration.class, DurationText::parse));
    values.addDeserializer(IpNetwork.class, scalar(IpNetwork.class, IpNetwork::parse));
    return JsonMapper.builder(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .addModule(values)
        .build();
  }

  /** A deserializer for a value written as one scalar, whose parse errors keep their line. */
  private static <T> JsonDeserializer<T> scalar(Class<T> type, Function<String, T> parse) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_STRING
            && t != JsonToken.VALUE_NUMBER_INT
            && t != JsonToken.VALUE_NUMBER_FLOAT) {
          return type.cast(ctxt.handleUnexpectedToken(type, p));
        }
        String text = p.getText();
        try {
          return parse.apply(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
          throw JsonMappingException.from(p, e.getMessage(), e);
        }
      }
    };
  }
}
