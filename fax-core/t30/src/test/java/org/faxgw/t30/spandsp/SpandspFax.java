package org.faxgw.t30.spandsp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.faxgw.sim.spandsp.SpandspHarness;

/**
 * One libspandsp fax terminal ({@code spandsp_fax term}) in a child process, driven in lock step:
 * {@link #exchange} hands it one block of our audio and returns its block of the same tick (it
 * receives ours, then transmits). {@link #finish} closes its input and returns its result. Belongs
 * to the one test thread that drives it.
 */
public final class SpandspFax implements AutoCloseable {
  /** The C program, in fax-core/sim/src/test/c. */
  public static final String PROGRAM = "spandsp_fax.c";

  /** Samples per exchanged block (20 ms). */
  public static final int BLOCK = 160;

  private final Process process;
  private final OutputStream toChild;
  private final DataInputStream fromChild;
  private final Path stderr;
  private final byte[] out = new byte[2 * BLOCK];
  private final byte[] in = new byte[2 * BLOCK];
  private final short[] block = new short[BLOCK];
  private long samples;

  private SpandspFax(Process process, Path stderr) {
    this.process = process;
    this.toChild = process.getOutputStream();
    InputStream s = process.getInputStream();
    this.fromChild = new DataInputStream(s);
    this.stderr = stderr;
  }

  /** Compiles (once) and starts spandsp's terminal; its log and result go to {@code dir}. */
  public static SpandspFax start(SpandspFaxSpec spec, Path dir, String name)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    args.add("term");
    args.addAll(spec.arguments());
    Path err = dir.resolve(name + ".stderr.txt");
    return new SpandspFax(SpandspHarness.start(PROGRAM, args, err), err);
  }

  /**
   * Sends {@code ours} (one block of {@link #BLOCK} samples) and returns spandsp's next block (a
   * shared array, overwritten by the next call).
   */
  public short[] exchange(short[] ours) throws IOException {
    for (int i = 0; i < BLOCK; i++) {
      out[2 * i] = (byte) ours[i];
      out[2 * i + 1] = (byte) (ours[i] >> 8);
    }
    toChild.write(out);
    toChild.flush();
    fromChild.readFully(in);
    for (int i = 0; i < BLOCK; i++) {
      block[i] = (short) ((in[2 * i] & 0xFF) | (in[2 * i + 1] << 8));
    }
    samples += BLOCK;
    return block;
  }

  /** Samples exchanged so far. */
  public long samples() {
    return samples;
  }

  /** True once spandsp reported T.30 phase E (its call is over). */
  public boolean reachedPhaseE() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8).contains("PHASE_E ");
  }

  /** Ends the conversation (EOF on its input) and returns what spandsp reported. */
  public SpandspFaxResult finish() throws IOException, InterruptedException {
    toChild.close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("spandsp_fax did not end after EOF");
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "spandsp_fax exited with " + process.exitValue() + ":\n" + err);
    }
    return SpandspFaxResult.parse(err);
  }

  /** spandsp's standard error so far (its log, when asked for, and PHASE_E/RESULT lines). */
  public String log() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
