package org.faxgw.gateway.analyze;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.faxgw.iax2.MediaFormat;
import org.faxgw.t4.FaxCompression;
import org.faxgw.t4.FaxTiffWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code faxgw analyze CALL}: what happened on a recorded fax call. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    description = {
      "Analyse a recorded fax call: an IAX2 capture (pcap or pcapng) or raw audio of one"
          + " direction.",
      "Shows per direction the CED/CNG tones, every V.21 HDLC frame (T.30 names, DIS/DCS fields,"
          + " TSI/CSI), each high-speed burst (modem, rate, training, TCF bit errors) and the"
          + " pages, which --pages-dir writes as TIFF (non-ECM pages through the error-tolerant"
          + " T.4 decoder with their bad-row count; ECM pages rebuilt from FCD frames by frame"
          + " number)."
    },
    footer = {
      "",
      "Exit codes: 0 fax signals found; 1 nothing of a fax call in the audio (empty timeline);",
      "  2 input unusable (unreadable, not a capture, no IAX2 voice, bad option);",
      "  3 capture cut off: what was there was analysed; 4 internal error.",
      "",
      "--json prints one object:",
      "  {\"input\", \"inputFormat\", \"warnings\": [text], \"signalling\": [IAX2 lines],",
      "   \"directions\": [{\"label\", \"role\": caller|callee|unknown|audio, \"codec\", \"seconds\",",
      "     \"events\": [ ... in time order, each with \"t\" (seconds) and \"type\":",
      "       tone:  \"tone\" CED|CNG, \"duration\"",
      "       frame: \"carrier\" V.21|<modem rate>, \"fcf\" (DIS, DCS, PPS-EOP, FCD...), \"fcsOk\",",
      "              \"length\", \"hex\" (octets as received, without FCS; FCD frames give",
      "              \"frameNumber\" instead), \"details\" [text]; DIS/DTC/DCS also \"fields\":",
      "              {modulations, bitRate, verticalResolution, codings, ecm, ecmFrameSize,",
      "              widthMm, length, minScanTimeMs, bitsSet}; TSI/CSI/CIG \"station\"",
      "       burst: \"end\", \"modulation\", \"bitRate\", \"purpose\" TCF|page|ECM, \"training\"",
      "              ok|failed: ...|none, \"bits\"; TCF: \"bitErrors\", \"longestZeroRun\";",
      "              ECM: \"frames\", \"badFrames\"",
      "       page:  \"number\", \"coding\" MH|MR|MMR, \"ecm\", \"width\", \"rows\", \"badRows\",",
      "              \"file\" (TIFF or null), \"status\"",
      "       note:  \"text\" ]}]}"
    })
public final class AnalyzeCommand implements Callable<Integer> {
  /**
   * Largest input read (ARCHITECTURE.md rule 7): 64 MiB, over two hours of A-law audio, which
   * decodes to 128 MiB of samples.
   */
  public static final long MAX_INPUT_BYTES = 64L << 20;

  /** Raw audio codings accepted by --codec. */
  public enum Codec {
    alaw,
    ulaw,
    slin16be,
    slin16le
  }

  @Parameters(index = "0", paramLabel = "CALL", description = "pcap/pcapng file, or raw audio")
  Path call;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Option(
      names = "--pages-dir",
      paramLabel = "DIR",
      description = "write each received page as a TIFF file in DIR")
  Path pagesDir;

  @Option(
      names = "--codec",
      paramLabel = "CODEC",
      description =
          "the input is raw 8 kHz audio of one direction: alaw, ulaw, slin16be or slin16le"
              + " (default: guessed from a .alaw/.ulaw/.slin extension)")
  Codec codec;

  /** What {@link #analyze} produced: the analysis, or a one-line reason there is none. */
  public record Outcome(CallAnalysis analysis, int exitCode, String message) {}

  @Override
  public Integer call() {
    Outcome o;
    try {
      o = analyze(call, codec, pagesDir);
    } catch (RuntimeException | OutOfMemoryError e) {
      System.err.println("faxgw analyze: internal error: " + e);
      return 4;
    }
    if (o.analysis() != null) {
      System.out.print(json ? JsonReport.render(o.analysis()) : TextReport.render(o.analysis()));
      System.out.flush();
    }
    if (o.message() != null) {
      System.err.println("faxgw analyze: " + o.message());
    }
    return o.exitCode();
  }

  /** Analyses {@code input}; never throws for bad input. */
  public static Outcome analyze(Path input, Codec codec, Path pagesDir) {
    byte[] data;
    try {
      long size = Files.size(input);
      if (size > MAX_INPUT_BYTES) {
        return new Outcome(
            null, 2, input + ": " + size + " bytes is over the limit of " + MAX_INPUT_BYTES);
      }
      data = Files.readAllBytes(input);
    } catch (NoSuchFileException e) {
      return new Outcome(null, 2, input + ": no such file");
    } catch (IOException e) {
      return new Outcome(null, 2, input + ": cannot read: " + e.getMessage());
    }
    if (pagesDir != null) {
      try {
        Files.createDirectories(pagesDir);
      } catch (IOException e) {
        return new Outcome(null, 2, pagesDir + ": cannot create: " + e.getMessage());
      }
    }
    Codec raw = codec != null ? codec : codecFromName(input);
    List<String> warnings = new ArrayList<>();
    List<DirectionTimeline> timelines = new ArrayList<>();
    List<String> signalling = List.of();
    String format;
    boolean truncated = false;
    if (raw == null) {
      if (!PcapReader.looksLikeCapture(data)) {
        return new Outcome(
            null,
            2,
            input
                + ": not a pcap or pcapng capture (for raw audio give --codec"
                + " alaw|ulaw|slin16be|slin16le)");
      }
      PcapReader.Result cap;
      try {
        cap = PcapReader.read(data);
      } catch (PcapFormatException e) {
        return new Outcome(null, 2, input + ": " + e.getMessage());
      }
      format = cap.format() + ", " + cap.packets() + " packets";
      if (cap.truncated()) {
        truncated = true;
        warnings.add(
            "capture cut off after packet " + cap.packets() + ": the rest of the call is missing");
      }
      Iax2AudioExtractor.Extraction x = Iax2AudioExtractor.extract(cap.datagrams());
      signalling = x.signalling();
      if (x.malformedFrames() > 0) {
        warnings.add(x.malformedFrames() + " UDP datagrams were not IAX2 frames");
      }
      if (x.voiceWithoutFormat() > 0) {
        warnings.add(x.voiceWithoutFormat() + " voice frames in an unknown or unsupported format");
      }
      if (x.directions().isEmpty()) {
        String why =
            cap.datagrams().isEmpty()
                ? "no UDP datagrams"
                : x.fullFrames() == 0
                    ? "no IAX2 frames among " + cap.datagrams().size() + " UDP datagrams"
                    : "no IAX2 voice in " + x.iax2Frames() + " IAX2 frames";
        return new Outcome(null, truncated ? 3 : 2, input + ": " + why);
      }
      int index = 0;
      for (DirectionAudio d : x.directions()) {
        index++;
        if (d.missingFrames() > 0) {
          warnings.add(
              d.label() + ": " + d.missingFrames() + " voice frames missing, filled with silence");
        }
        String tag = d.role().equals("unknown") ? "dir" + index : d.role();
        timelines.add(
            timeline(
                d.label(), d.role(), codecName(d.format()), d.linear(), writer(pagesDir, tag)));
      }
    } else {
      format = "raw audio, " + raw;
      short[] pcm =
          switch (raw) {
            case alaw -> AudioCodec.toLinear(MediaFormat.ALAW, data);
            case ulaw -> AudioCodec.toLinear(MediaFormat.ULAW, data);
            case slin16be -> AudioCodec.toLinear(MediaFormat.SLINEAR, data, false);
            case slin16le -> AudioCodec.toLinear(MediaFormat.SLINEAR, data, true);
          };
      boolean[] lost = lostMask(input, pcm.length, warnings);
      CallAnalyzer.Result r = CallAnalyzer.analyze(pcm, lost, writer(pagesDir, "audio"));
      timelines.add(
          new DirectionTimeline(
              input.getFileName().toString(),
              "audio",
              raw.name(),
              pcm.length,
              r.events(),
              r.pages()));
    }
    CallAnalysis a = new CallAnalysis(input.toString(), format, timelines, signalling, warnings);
    if (truncated) {
      return new Outcome(a, 3, "capture cut off; analysed what was there");
    }
    if (a.noFaxSignal()) {
      return new Outcome(a, 1, "no fax signal found in " + input);
    }
    return new Outcome(a, 0, null);
  }

  /**
   * The stretches of a gateway capture ({@code X.rx.slin}) where the playout buffer had no audio,
   * from the {@code X.rx.lost} beside it ({@code START COUNT} in samples, one a line), as a mask
   * over the samples; null when there is no such file.
   */
  static boolean[] lostMask(Path input, int samples, List<String> warnings) {
    String name = input.getFileName().toString();
    if (!name.endsWith(".slin")) {
      return null;
    }
    Path file = input.resolveSibling(name.substring(0, name.length() - 5) + ".lost");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    boolean[] mask = new boolean[samples];
    int stretches = 0;
    long total = 0;
    try {
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 2) {
          continue;
        }
        long start = Long.parseLong(f[0]);
        long count = Long.parseLong(f[1]);
        long end = Math.min(samples, start + count);
        for (long i = Math.max(0, start); i < end; i++) {
          mask[(int) i] = true;
        }
        stretches++;
        total += count;
      }
    } catch (IOException | NumberFormatException e) {
      warnings.add(
          file.getFileName() + ": not read (" + e.getMessage() + "); lost audio not known");
      return null;
    }
    warnings.add(
        stretches
            + " stretch(es) of lost audio ("
            + total
            + " samples, from "
            + file.getFileName()
            + ") bridged as the gateway's modem did");
    return mask;
  }

  private static DirectionTimeline timeline(
      String label, String role, String codec, short[] pcm, CallAnalyzer.PageWriter writer) {
    CallAnalyzer.Result r = CallAnalyzer.analyze(pcm, writer);
    return new DirectionTimeline(label, role, codec, pcm.length, r.events(), r.pages());
  }

  private static CallAnalyzer.PageWriter writer(Path dir, String tag) {
    if (dir == null) {
      return CallAnalyzer.PageWriter.NONE;
    }
    return (n, page, coding) -> {
      Path f = dir.resolve(String.format(Locale.ROOT, "%s-page-%d.tif", tag, n));
      FaxCompression c = coding == FaxCompression.MH ? FaxCompression.MH : coding;
      try (OutputStream out = Files.newOutputStream(f)) {
        FaxTiffWriter.write(List.of(page), c, out);
      }
      return f.toString();
    };
  }

  static String codecName(MediaFormat f) {
    return switch (f) {
      case ALAW -> "alaw";
      case ULAW -> "ulaw";
      case SLINEAR -> "slin16be";
    };
  }

  static Codec codecFromName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".alaw") || n.endsWith(".al")) {
      return Codec.alaw;
    }
    if (n.endsWith(".ulaw") || n.endsWith(".ul")) {
      return Codec.ulaw;
    }
    if (n.endsWith(".slin") || n.endsWith(".s16be")) {
      return Codec.slin16be;
    }
    return null;
  }
}
