package org.faxgw.gateway.analyze;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.faxgw.iax2.MediaFormat;

/** Runs the analyzer over a recorded call's per-direction audio, once per JVM. */
final class RealCallSupport {
  record Analysed(CallAnalyzer.Result caller, CallAnalyzer.Result callee) {}

  private static final Map<String, Analysed> CACHE = new ConcurrentHashMap<>();

  private RealCallSupport() {}

  static Analysed analyse(CallFixture call) {
    return CACHE.computeIfAbsent(
        call.name(),
        n -> {
          try {
            return new Analysed(
                CallAnalyzer.analyze(
                    pcm(call, Files.readAllBytes(call.callerAudio())),
                    CallAnalyzer.PageWriter.NONE),
                CallAnalyzer.analyze(
                    pcm(call, Files.readAllBytes(call.calleeAudio())),
                    CallAnalyzer.PageWriter.NONE));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  static short[] pcm(CallFixture call, byte[] audio) {
    MediaFormat f =
        switch (call.codec()) {
          case "alaw" -> MediaFormat.ALAW;
          case "ulaw" -> MediaFormat.ULAW;
          default -> MediaFormat.SLINEAR;
        };
    return AudioCodec.toLinear(f, audio);
  }

  static List<TimelineEvent.Frame> v21Frames(CallAnalyzer.Result r) {
    return r.events().stream()
        .filter(e -> e instanceof TimelineEvent.Frame f && f.carrier().equals("V.21"))
        .map(e -> (TimelineEvent.Frame) e)
        .toList();
  }

  static List<TimelineEvent.Burst> bursts(CallAnalyzer.Result r) {
    return r.events().stream()
        .filter(e -> e instanceof TimelineEvent.Burst)
        .map(e -> (TimelineEvent.Burst) e)
        .toList();
  }
}
