package dev.canarylab.lab.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QrCodeTest {

    private static final String URL = "http://192.168.1.20:8081/audience";

    @Test
    void theTerminalDrawingDecodesToTheAddress() {
        assertThat(QrReading.fromTerminal(QrCode.of(URL).terminal(false))).isEqualTo(URL);
    }

    @Test
    void theColouredTerminalDrawingDecodesToTheAddressAndIsWhiteOnBlackOnEveryLine() {
        String drawn = QrCode.of(URL).terminal(true);
        assertThat(QrReading.fromTerminal(drawn)).isEqualTo(URL);
        assertThat(drawn.lines()).allSatisfy(line -> assertThat(line).startsWith("\u001b[97;40m").endsWith("\u001b[0m"));
    }

    @Test
    void withoutColourTheDrawingHasNoEscapeCodes() {
        assertThat(QrCode.of(URL).terminal(false)).doesNotContain("\u001b");
    }

    @Test
    void theQuietZoneIsDrawnFourModulesWideOnEverySide() {
        QrCode code = QrCode.of(URL);
        List<String> lines = QrReading.lines(code.terminal(false));
        String full = "\u2588".repeat(code.size());
        // two characters' height is four modules: the first two lines and the last two are all light
        assertThat(lines.subList(0, 2)).containsOnly(full);
        assertThat(lines.get(lines.size() - 2)).isEqualTo(full);
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("\u2588".repeat(4)).endsWith("\u2588".repeat(4)));
        // and the code itself is there: a dark module right inside the quiet zone (the finder pattern's corner)
        assertThat(code.dark(QrCode.QUIET_ZONE, QrCode.QUIET_ZONE)).isTrue();
        assertThat(code.dark(QrCode.QUIET_ZONE - 1, QrCode.QUIET_ZONE)).isFalse();
    }

    @Test
    void twoCharactersAcrossMakeNoSquareButEachLineIsTwoModulesHigh() {
        QrCode code = QrCode.of(URL);
        assertThat(QrReading.lines(code.terminal(false))).hasSize((code.size() + 1) / 2)
                .allSatisfy(line -> assertThat(line).hasSize(code.size()));
    }

    @Test
    void theSvgDecodesToTheAddress() {
        String svg = QrCode.of(URL).svg();
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        assertThat(QrReading.fromSvg(svg)).isEqualTo(URL);
    }

    @Test
    void anIpv6AddressDecodesToo() {
        String v6 = "http://[fd00::1]:8081/audience";
        assertThat(QrReading.fromTerminal(QrCode.of(v6).terminal(true))).isEqualTo(v6);
    }

    @Test
    void everyPortOfAnAudienceAddressDecodes() {
        for (int port = 30000; port < 30400; port++) {
            String url = "http://127.0.0.2:" + port + "/audience";
            assertThat(QrReading.fromSvg(QrCode.of(url).svg())).isEqualTo(url);
            assertThat(QrReading.fromTerminal(QrCode.of(url).terminal(false))).isEqualTo(url);
        }
    }
}
