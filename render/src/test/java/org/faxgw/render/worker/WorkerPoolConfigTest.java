package org.faxgw.render.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkerPoolConfigTest {
  @Test
  void heapSizesParseAndBadValuesAreRefused() {
    WorkerPoolConfig c = WorkerPoolConfig.defaults(Path.of("/tmp/x"));
    assertThat(c.heapBytes()).isEqualTo(512L << 20);
    assertThat(c.withHeap("1g").heapBytes()).isEqualTo(1L << 30);
    assertThat(c.withHeap("64k").heapBytes()).isEqualTo(64L << 10);
    assertThatThrownBy(() -> c.withHeap("lots")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withWorkers(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tookTooLongSaysTheLimit() {
    assertThat(RenderWorkerPool.tookTooLong(java.time.Duration.ofSeconds(60)).getMessage())
        .isEqualTo("took longer than 60 s to render");
    assertThat(RenderWorkerPool.tookTooLong(java.time.Duration.ofMillis(1500)).getMessage())
        .isEqualTo("took longer than 1.5 s to render");
  }
}
