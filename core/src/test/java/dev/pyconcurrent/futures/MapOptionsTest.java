package dev.pyconcurrent.futures;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MapOptionsTest {

    @Test
    void defaultsAreNoTimeoutChunkOneNoBuffer() {
        // Python: Executor.map(fn, *iterables, timeout=None, chunksize=1, buffersize=None)
        MapOptions d = MapOptions.defaults();
        assertThat(d.getTimeout()).isEmpty();
        assertThat(d.getTimeoutNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(d.getChunksize()).isEqualTo(1);
        assertThat(d.getBuffersize()).isEmpty();
        assertThat(d.toString()).isEqualTo("MapOptions[timeout=None, chunksize=1, buffersize=None]");
    }

    @Test
    void settersReturnNewImmutableOptions() {
        // fluent and immutable: each keyword is set on a copy
        MapOptions d = MapOptions.defaults();
        MapOptions o = d.timeout(1.5).chunksize(10).buffersize(4);
        assertThat(d).isEqualTo(MapOptions.defaults());
        assertThat(o.getTimeout()).isEqualTo(Optional.of(Duration.ofMillis(1500)));
        assertThat(o.getChunksize()).isEqualTo(10);
        assertThat(o.getBuffersize()).isEqualTo(OptionalInt.of(4));
        assertThat(o).isEqualTo(d.timeout(Duration.ofMillis(1500)).chunksize(10).buffersize(4));
        assertThat(o.hashCode()).isEqualTo(d.timeout(Duration.ofMillis(1500)).chunksize(10).buffersize(4).hashCode());
        assertThat(o).isNotEqualTo(d);
    }

    @Test
    void badValuesAreValueErrorsNamingTheOption() {
        // Python: ValueError("chunksize must be >= 1."), ValueError("buffersize must be None or > 0"), negative timeout
        MapOptions d = MapOptions.defaults();
        assertThatThrownBy(() -> d.chunksize(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunksize");
        assertThatThrownBy(() -> d.buffersize(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("buffersize");
        assertThatThrownBy(() -> d.timeout(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> d.timeout(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.timeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
