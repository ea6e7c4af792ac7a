package org.faxgw.gateway.config;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a reload may change: the running configuration with the reloadable parts of the file's new
 * one ({@link #merged}), and one sentence for each other change, which is not applied ({@link
 * #needRestart}, e.g. {@code smtp.listen changes need a restart; kept 127.0.0.1:2525}).
 *
 * <p>Reloadable: the sections {@code dialing}, {@code routing}, {@code outbound} and {@code
 * shutdown}; {@code smtp.users}; and, when fax lines run, {@code receive}, {@code capture}, {@code
 * iax2.peers}, {@code iax2.users} and {@code fax.localId}, {@code fax.senderIds}, {@code
 * fax.tagline}, {@code fax.lines}. Everything else needs a restart. A section whose new reloadable
 * keys cannot stand with its kept ones (its own checks refuse the mix) is kept whole.
 *
 * @param merged the configuration to put in force
 * @param needRestart the changes not applied, one sentence each
 */
public record ReloadSplit(FaxgwConfig merged, List<String> needRestart) {
  private static final Set<String> WHOLE = Set.of("dialing", "routing", "outbound", "shutdown");
  private static final Set<String> WHOLE_WITH_LINES = Set.of("receive", "capture");
  private static final Map<String, Set<String>> KEYS =
      Map.of("smtp", Set.of("users"), "accounts", Set.of());
  private static final Map<String, Set<String>> KEYS_WITH_LINES =
      Map.of(
          "iax2", Set.of("peers", "users"),
          "fax", Set.of("localId", "senderIds", "tagline", "lines"));

  public ReloadSplit {
    needRestart = List.copyOf(needRestart);
  }

  /**
   * @param linesRunning whether fax lines run (without them, their sections need a restart)
   */
  public static ReloadSplit of(FaxgwConfig running, FaxgwConfig next, boolean linesRunning) {
    List<String> restart = new ArrayList<>();
    RecordComponent[] parts = FaxgwConfig.class.getRecordComponents();
    Object[] values = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String name = parts[i].getName();
      Object old = get(parts[i], running);
      Object now = get(parts[i], next);
      if (old.equals(now)) {
        values[i] = old;
      } else if (WHOLE.contains(name) || (linesRunning && WHOLE_WITH_LINES.contains(name))) {
        values[i] = now;
      } else {
        Set<String> keys = KEYS.get(name);
        if (keys == null && linesRunning) {
          keys = KEYS_WITH_LINES.get(name);
        }
        values[i] = section(name, old, now, keys == null ? Set.of() : keys, restart);
      }
    }
    return new ReloadSplit(construct(FaxgwConfig.class, values), restart);
  }

  /** One changed section: its reloadable keys from {@code now}, the rest kept from {@code old}. */
  private static Object section(
      String name, Object old, Object now, Set<String> reloadable, List<String> restart) {
    if (!old.getClass().isRecord()) {
      restart.add(name + " changes need a restart; kept " + shown(name, old));
      return old;
    }
    RecordComponent[] keys = old.getClass().getRecordComponents();
    Object[] values = new Object[keys.length];
    List<String> said = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      Object o = get(keys[i], old);
      Object n = get(keys[i], now);
      String key = name + "." + keys[i].getName();
      if (java.util.Objects.equals(o, n) || reloadable.contains(keys[i].getName())) {
        values[i] = n;
      } else {
        values[i] = o;
        said.add(key + " changes need a restart; kept " + shown(key, o));
      }
    }
    try {
      Object merged = construct(old.getClass(), values);
      restart.addAll(said);
      return merged;
    } catch (IllegalArgumentException e) {
      restart.add(
          name
              + " changes need a restart (its reloadable keys cannot go with the kept ones: "
              + e.getMessage()
              + "); kept the running "
              + name);
      return old;
    }
  }

  /** A value as the operator wrote it; secrets and structures are not shown. */
  private static String shown(String key, Object v) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.contains("password") || k.contains("secret") || k.contains("url")) {
      return "the running value";
    }
    if (v == null) {
      return "none";
    }
    if (v instanceof Duration d) {
      return DurationText.format(d);
    }
    if (v instanceof String s) {
      return s.isEmpty() ? "\"\"" : s;
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof HostPort) {
      return v.toString();
    }
    if (v instanceof DataSize) {
      return v.toString();
    }
    return "the running value";
  }

  private static Object get(RecordComponent c, Object record) {
    try {
      return c.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T construct(Class<T> type, Object[] values) {
    RecordComponent[] parts = type.getRecordComponents();
    Class<?>[] types = new Class<?>[parts.length];
    for (int i = 0; i < parts.length; i++) {
      types[i] = parts[i].getType();
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
