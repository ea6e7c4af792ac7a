package org.faxgw.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecTest {
  @TempDir Path dir;

  @Test
  void aChildThatSpinsIsChargedItsCpuTimeAndOneThatSleepsIsNot() throws Exception {
    // Work, not time: a shell loop of a fixed number of steps; and a child that only waits.
    Exec.Result busy =
        Exec.run(
            dir, 120, List.of("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"));
    Exec.Result idle = Exec.run(dir, 120, List.of("sleep", "0.3"));
    assertThat(busy.ok()).isTrue();
    assertThat(idle.ok()).isTrue();
    assertThat(busy.cpuNanos()).isGreaterThanOrEqualTo(50_000_000L);
    assertThat(idle.cpuNanos()).isLessThan(busy.cpuNanos());
    assertThat(idle.cpuNanos()).isLessThan(idle.wallNanos());
  }

  @Test
  void standardOutputGoesToTheFileAsItIs() throws Exception {
    Path out = dir.resolve("out.bin");
    Exec.Result r = Exec.run(dir, 60, List.of("printf", "\\351t\\351"), out);
    assertThat(r.ok()).isTrue();
    assertThat(r.stdout()).isEmpty();
    assertThat(out).hasBinaryContent(new byte[] {(byte) 0xE9, 't', (byte) 0xE9});
  }
}
