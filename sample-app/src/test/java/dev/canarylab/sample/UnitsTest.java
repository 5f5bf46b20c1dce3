package dev.canarylab.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void subSecondDurationsKeepTheirPrecision() {
        assertThat(Units.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Units.parseDuration("0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(Units.parseDuration("1.5ms")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(Units.parseDuration("750us")).isEqualTo(Duration.ofNanos(750_000));
        assertThat(Units.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Units.parseDuration("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void durationsWithoutAKnownUnitAreRejected() {
        assertThatThrownBy(() -> Units.parseDuration("250")).hasMessageContaining("missing unit");
        assertThatThrownBy(() -> Units.parseDuration("5parsecs")).hasMessageContaining("unknown unit 'parsecs'");
        assertThatThrownBy(() -> Units.parseDuration("-5ms")).hasMessageContaining("expected a duration");
        assertThatThrownBy(() -> Units.parseDuration("fast")).hasMessageContaining("expected a duration");
    }

    @Test
    void byteSizesTellDecimalFromBinaryPrefixes() {
        assertThat(Units.parseBytes("64KiB")).isEqualTo(65_536);
        assertThat(Units.parseBytes("64KB")).isEqualTo(64_000);
        assertThat(Units.parseBytes("1mib")).isEqualTo(1_048_576);
        assertThat(Units.parseBytes("512B")).isEqualTo(512);
        assertThatThrownBy(() -> Units.parseBytes("12 bananas")).hasMessageContaining("unknown unit 'bananas'");
        assertThatThrownBy(() -> Units.parseBytes("100")).hasMessageContaining("missing unit");
    }

    @Test
    void formattingReadsBackToTheSameValue() {
        for (String d : new String[] {"250ms", "1.5s", "1m30s", "2s", "750us", "3m", "0"}) {
            assertThat(Units.format(Units.parseDuration(d))).isEqualTo(d);
        }
        for (String b : new String[] {"64KiB", "1500B", "2MB", "1GiB", "0"}) {
            assertThat(Units.formatBytes(Units.parseBytes(b))).isEqualTo(b);
        }
    }
}
