package dev.canarylab.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.traffic.shape.Shape;
import dev.canarylab.traffic.stats.Thresholds;
import dev.canarylab.traffic.users.Users;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The CLI in-process: bad usage ends with exit 2 and one line on stderr, before any load is sent. */
class TrafficGenTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrafficGen.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--rps fast                                   | '--rps'",
        "--duration 10                                | '10' is not a duration",
        "--bogus                                      | Unknown option: '--bogus'",
        "--shape zigzag                               | unknown shape 'zigzag'",
        "--spike-rps 100                              | --spike-rps does not apply to --shape constant",
        "--shape sine --rps 10 --amplitude 20         | must not exceed the mean rate",
        "--shape ramp --duration forever              | --ramp-over is needed when --duration is forever",
        "--endpoint api/stories                       | is not an endpoint",
        "--target ftp://example                       | target must be an http:// or https:// URL",
        "--target http://127.0.0.1:8080/api           | paths go in --endpoint",
        "--header NoColon                             | is not 'Name: value'",
        "--timeout 5m                                 | timeout must be between 100ms and 2m",
        "--connections pooled                         | --connections must be shared or per-user",
        "--assert-success-pct 120                     | --assert-success-pct must be between 0 and 100",
        "--rps 0                                      | rps must be more than zero",
        "--header-share 0.2                           | --header-share needs a --header to send",
        "--header X-Beta:on --header-share 1.5        | --header-share must be above 0 and at most 1",
        "--header X-Beta:on --header-share 0          | --header-share must be above 0 and at most 1",
        "--cookie beta                                | cookie 'beta' is not NAME=VALUE",
        "--cookie b;a=1                               | cookie name 'b;a' must be 1 to 64 token characters",
        "--cookie beta=a\\b                           | must be at most 256 characters without spaces",
        "--cookie-share 0.5                           | --cookie-share needs a --cookie to send",
        "--requests-per-user 0                        | --requests-per-user must be 1 to 1000",
        "--requests-per-user many                     | '--requests-per-user'",
        "--think-time 2s                              | --think-time needs --requests-per-user above 1",
        "--requests-per-user 5 --think-time 1h        | --think-time must be 0 to 10m",
    })
    void badUsageExitsTwoWithOneLineOnStderr(String args, String message) {
        Run r = run(args.strip().split("\\s+"));
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("traffic-gen: error: ").contains(message);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void helpListsEveryFlagWithItsVariable() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--target", "TRAFFIC_TARGET", "--assert-p95-ms", "Exit codes: 0 ok, 1 an assertion failed");
    }

    @Test
    void endpointsOnTheCommandLineReplaceTheDefaultMix() {
        TrafficGen command = new TrafficGen(System.out, System.err);
        new CommandLine(command).registerConverter(Duration.class, Durations::parse)
                .parseArgs("--endpoint", "/a@2", "--endpoint", "HEAD /b", "--header", "X-Canary: always");
        TrafficOptions o = command.toOptions();
        assertThat(o.endpoints()).extracting(e -> e.spec()).containsExactly("/a@2", "HEAD /b@1");
        assertThat(o.headers()).containsExactly(Map.entry("X-Canary", "always"));
        assertThat(o.shape()).isEqualTo(new Shape.Constant(10));
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void optionsReadBackFromTheirOwnFlags() {
        TrafficOptions options = TrafficOptions.builder("http://127.0.0.1:9000")
                .shape(new Shape.Spike(20, 80, Duration.ofSeconds(20),
                        Duration.ofSeconds(4)))
                .duration(Duration.ofMinutes(2))
                .endpoints("/api/stories@3", "HEAD /api/color@1")
                .header("X-Canary", "always")
                .seed(9)
                .shareConnections(false)
                .noReport()
                .thresholds(new Thresholds(99.5, 250.0, null, null, null, 97.0))
                .build();
        TrafficGen command = new TrafficGen(System.out, System.err);
        new CommandLine(command).registerConverter(Duration.class, Durations::parse)
                .parseArgs(options.toArgs().toArray(String[]::new));
        assertThat(command.toOptions()).isEqualTo(options);
    }

    @Test
    void sharesCookiesAndSessionsReadBackFromTheirOwnFlags() {
        TrafficOptions options = TrafficOptions.builder("http://127.0.0.1:9000")
                .header("X-Beta", "on")
                .users(Users.sessions(5, Duration.ofMillis(500)).withHeaderShare(0.2)
                        .withCookies(Map.of("beta", "yes"), 0.3))
                .noReport()
                .build();
        assertThat(options.toArgs()).containsSequence("--requests-per-user", "5", "--think-time", "500ms")
                .containsSequence("--header-share", "0.2").containsSequence("--cookie", "beta=yes");
        TrafficGen command = new TrafficGen(System.out, System.err);
        new CommandLine(command).registerConverter(Duration.class, Durations::parse)
                .parseArgs(options.toArgs().toArray(String[]::new));
        assertThat(command.toOptions()).isEqualTo(options);
    }

    @Test
    void severalRequestsPerUserPauseASecondUnlessToldOtherwise() {
        TrafficGen command = new TrafficGen(System.out, System.err);
        new CommandLine(command).registerConverter(Duration.class, Durations::parse)
                .parseArgs("--requests-per-user", "4", "--cookie", "a=1,b=2");
        Users users = command.toOptions().users();
        assertThat(users.thinkTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(users.cookies()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(users.headerShare()).isEqualTo(1.0);
        assertThat(users.session()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void flagsCanBeCheckedWithoutSendingAnything() {
        assertThat(TrafficGen.problem(java.util.List.of("--header", "X-Beta: on", "--header-share", "0.2",
                "--requests-per-user", "10"))).isNull();
        assertThat(TrafficGen.problem(java.util.List.of("--cookie-share", "0.5")))
                .isEqualTo("--cookie-share needs a --cookie to send");
        assertThat(TrafficGen.problem(java.util.List.of("--rps"))).startsWith("Missing required parameter for option '--rps'");
    }

    @Test
    void aBadMixFileExitsTwoWithOneLineNamingTheFileAndTheRequest(@TempDir Path dir) throws Exception {
        Path mix = Files.writeString(dir.resolve("requests.yaml"), "requests:\n  - path: /a\n  - path: /b\n    weight: -1\n");
        Run r = run("--mix", mix.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("traffic-gen: error: " + mix + ": request 2 (GET /b): endpoint weight must be 1"
                + " or more, got -1 for /b" + System.lineSeparator());
    }

    @Test
    void aMixAndEndpointsOnTheCommandLineAreRefusedTogether(@TempDir Path dir) throws Exception {
        Path mix = Files.writeString(dir.resolve("requests.yaml"), "requests: [{path: /a}]");
        Run r = run("--mix", mix.toString(), "--endpoint", "/b");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("traffic-gen: error: --mix and --endpoint both give the requests; use one");
    }

    @Test
    void aMixRunReadsBackFromItsOwnFlags(@TempDir Path dir) throws Exception {
        Path mix = Files.writeString(dir.resolve("requests.yaml"),
                "requests: [{path: /a, weight: 3}, {method: POST, path: /a, body: {x: 1}, success: [201]}]");
        TrafficOptions options = TrafficOptions.builder("http://127.0.0.1:9000").mix(mix).noReport().build();
        assertThat(options.toArgs()).containsSequence("--mix", mix.toAbsolutePath().toString())
                .doesNotContain("--endpoint");
        TrafficGen command = new TrafficGen(System.out, System.err);
        new CommandLine(command).registerConverter(Duration.class, Durations::parse)
                .parseArgs(options.toArgs().toArray(String[]::new));
        TrafficOptions back = command.toOptions();
        assertThat(back.endpoints()).isEqualTo(options.endpoints());
        assertThat(back.endpoints().get(1).body()).isEqualTo("{\"x\":1}");
    }
}
