package dev.canarylab.lab.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.RouteMatch;
import dev.canarylab.lab.runtime.Track;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strategies with setHeaderRoute, setMirrorRoute and sessionAffinity: what they read, and what they refuse. */
class RouteStepLoaderTest {

    private static Strategy parse(String yaml) {
        return StrategyLoader.parse(yaml, "s.yaml", null);
    }

    @Test
    void aHeaderRouteReadsArgosShapeWithEveryKindOfValueAndACookie() {
        Strategy s = parse("""
                strategy: canary
                steps:
                  - setHeaderRoute:
                      name: beta-users
                      match:
                        - headerName: X-Beta
                          headerValue: {exact: "on"}
                        - headerName: User-Agent
                          headerValue: {prefix: Mozilla}
                        - cookieName: plan
                          cookieValue: {regex: "gold|silver"}
                  - pause: 10s
                  - setHeaderRoute: {name: beta-users}
                  - setWeight: 10
                """);

        assertThat(s.steps().get(0)).isEqualTo(new Strategy.Step.SetHeaderRoute("beta-users", List.of(
                RouteMatch.header("X-Beta", RouteMatch.Mode.EXACT, "on"),
                RouteMatch.header("User-Agent", RouteMatch.Mode.PREFIX, "Mozilla"),
                RouteMatch.cookie("plan", RouteMatch.Mode.REGEX, "gold|silver"))));
        assertThat(s.steps().get(2)).isEqualTo(new Strategy.Step.SetHeaderRoute("beta-users", List.of()));
        assertThat(s.steps().get(0).describe()).isEqualTo("setHeaderRoute beta-users: `X-Beta: on` and"
                + " `User-Agent` starting with `Mozilla` and cookie `plan` matching `gold|silver`");
        assertThat(s.steps().get(2).describe()).isEqualTo("setHeaderRoute beta-users removed");
    }

    @Test
    void aMirrorRouteCopiesAllRequestsByDefaultAndANameAloneRemovesIt() {
        Strategy s = parse("""
                strategy: canary
                steps:
                  - setMirrorRoute: {name: dark, match: [{headerName: X-Beta, headerValue: {exact: "on"}}]}
                  - setMirrorRoute: {name: dark, percentage: 25}
                  - setMirrorRoute: {name: dark}
                """);

        assertThat(s.steps()).containsExactly(
                new Strategy.Step.SetMirrorRoute("dark", 100,
                        List.of(RouteMatch.header("X-Beta", RouteMatch.Mode.EXACT, "on"))),
                new Strategy.Step.SetMirrorRoute("dark", 25, List.of()),
                new Strategy.Step.SetMirrorRoute("dark", 0, List.of()));
        assertThat(s.routesTraffic()).isTrue();
        assertThat(s.steps().get(1).describe()).isEqualTo("setMirrorRoute dark: 25%");
    }

    @Test
    void sessionAffinityHasFlaggersFieldsAndADayByDefault() {
        String steps = "steps: [{setWeight: 10}]\n";
        assertThat(parse("sessionAffinity: {cookieName: lab-track, maxAge: 2h}\n" + steps).affinity())
                .isEqualTo(new Strategy.SessionAffinity("lab-track", Duration.ofHours(2)));
        assertThat(parse("sessionAffinity: {cookieName: lab-track}\n" + steps).affinity().maxAge())
                .isEqualTo(Duration.ofDays(1));
        assertThat(parse(steps).affinity()).isNull();
        assertThat(parse("sessionAffinity: {cookieName: c}\n" + steps).scaled(0.5).affinity()).isNotNull();
    }

    @Test
    void analysisIterationsAreLooksOneIntervalApart() {
        Strategy s = parse("""
                steps:
                  - setWeight: 10
                  - analysis: {interval: 5s, iterations: 6}
                """);

        assertThat(((Strategy.Step.Analysis) s.steps().get(1)).timing().lifetime()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theAbTestAndDarkLaunchBuiltInsRouteAsTheirNamesSay() {
        Strategy ab = StrategyLoader.load("ab-test");
        assertThat(ab.baseline()).isTrue();
        assertThat(ab.steps()).noneMatch(step -> step instanceof Strategy.Step.SetWeight);
        assertThat(ab.steps().subList(0, 2)).containsExactly(
                new Strategy.Step.SetHeaderRoute("beta", List.of(RouteMatch.header("X-Beta", RouteMatch.Mode.EXACT,
                        "on"))),
                new Strategy.Step.SetHeaderRoute("control", List.of(RouteMatch.header("X-Beta",
                        RouteMatch.Mode.EXACT, "off")), Track.BASELINE));
        assertThat(ab.steps().get(2)).isInstanceOf(Strategy.Step.Pause.class);
        assertThat(ab.steps().get(3)).isInstanceOf(Strategy.Step.Analysis.class);

        Strategy dark = StrategyLoader.load("dark-launch");
        assertThat(dark.baseline()).isTrue();
        assertThat(dark.steps().subList(0, 3)).extracting(Strategy.Step::describe).containsExactly(
                "setMirrorRoute dark: 50%", "analysis every 10s for 1m", "setMirrorRoute dark removed");
        assertThat(dark.steps().subList(3, dark.steps().size())).anyMatch(step -> step instanceof Strategy.Step.SetWeight)
                .anyMatch(step -> step instanceof Strategy.Step.Analysis);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no name               | steps: [{setHeaderRoute: {match: [{headerName: X, headerValue: {exact: a}}]}}] | steps[0].setHeaderRoute needs a name
            upper-case name       | steps: [{setHeaderRoute: {name: Beta, match: [{headerName: X, headerValue: {exact: a}}]}}] | steps[0].setHeaderRoute.name must be 1 to 40 lower-case letters
            remove unknown route  | steps: [{setWeight: 10}, {setHeaderRoute: {name: beta}}]                | steps[1].setHeaderRoute removes route 'beta', which no earlier step sets
            empty match           | steps: [{setHeaderRoute: {name: b, match: []}}]                         | steps[0].setHeaderRoute.match must list at least one condition
            two value kinds       | steps: [{setHeaderRoute: {name: b, match: [{headerName: X, headerValue: {exact: a, prefix: b}}]}}] | headerValue must have exactly one of exact, prefix, regex
            unknown value kind    | steps: [{setHeaderRoute: {name: b, match: [{headerName: X, headerValue: {suffix: a}}]}}] | headerValue.suffix is not a known field
            bad regex             | steps: [{setHeaderRoute: {name: b, match: [{headerName: X, headerValue: {regex: '(on'}}]}}] | headerValue.regex is not a regular expression
            header and cookie     | steps: [{setHeaderRoute: {name: b, match: [{headerName: X, cookieName: c}]}}] | match[0] needs one of headerName (with headerValue) or cookieName (with cookieValue)
            header with cookieValue | steps: [{setHeaderRoute: {name: b, match: [{headerName: X, cookieValue: {exact: a}}]}}] | match[0].cookieValue goes with cookieName; use headerValue
            baseline route without baseline | baseline: false\\nsteps: [{setHeaderRoute: {name: b, track: baseline, match: [{headerName: X, headerValue: {exact: a}}]}}] | steps[0].setHeaderRoute.track baseline needs baseline: true
            route to stable       | steps: [{setHeaderRoute: {name: b, track: stable, match: [{headerName: X, headerValue: {exact: a}}]}}] | steps[0].setHeaderRoute.track must be canary or baseline
            no value              | steps: [{setHeaderRoute: {name: b, match: [{headerName: X}]}}]          | match[0] needs headerValue
            bad header name       | steps: [{setHeaderRoute: {name: b, match: [{headerName: 'X Beta', headerValue: {exact: a}}]}}] | match[0].headerName must be a header name, got 'X Beta'
            empty value           | steps: [{setHeaderRoute: {name: b, match: [{headerName: X, headerValue: {exact: ''}}]}}] | headerValue.exact is refused: the value to match on header X is 1 to 256 characters
            mirror above 100      | steps: [{setMirrorRoute: {name: m, percentage: 150}}]                   | steps[0].setMirrorRoute.percentage must be a whole percentage between 1 and 100
            mirror of 0           | steps: [{setMirrorRoute: {name: m, percentage: 0}}]                     | steps[0].setMirrorRoute.percentage must be a whole percentage between 1 and 100
            second mirror         | steps: [{setMirrorRoute: {name: a, percentage: 10}}, {setMirrorRoute: {name: b, percentage: 10}}] | steps[1].setMirrorRoute.name 'b': the router mirrors to one route at a time
            name of another kind  | steps: [{setMirrorRoute: {name: a, percentage: 10}}, {setHeaderRoute: {name: a, match: [{headerName: X, headerValue: {exact: a}}]}}] | steps[1].setHeaderRoute.name 'a' is a setMirrorRoute route
            route in blue-green   | strategy: blue-green\\nsessionAffinity: {cookieName: c}                 | sessionAffinity belongs to a canary strategy
            affinity no cookie    | sessionAffinity: {maxAge: 1h}\\nsteps: [{setWeight: 10}]                | sessionAffinity needs a cookieName
            affinity bad cookie   | sessionAffinity: {cookieName: 'a;b'}\\nsteps: [{setWeight: 10}]         | sessionAffinity.cookieName must be a cookie name
            affinity zero age     | sessionAffinity: {cookieName: c, maxAge: 0s}\\nsteps: [{setWeight: 10}] | sessionAffinity.maxAge must be at least 1s
            iterations and lifetime | steps: [{setWeight: 10}, {analysis: {iterations: 3, lifetime: 1m}}]   | steps[1].analysis.iterations and lifetime say the same thing twice
            zero iterations       | steps: [{setWeight: 10}, {analysis: {iterations: 0}}]                   | steps[1].analysis.iterations must be between 1 and 100
            """)
    void badRoutingIsOneLineNamingTheField(String what, String yaml, String expected) {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
                .isInstanceOfSatisfying(LabException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
                    assertThat(e.getMessage()).startsWith("s.yaml: ").contains(expected).doesNotContain("\n");
                });
    }
}
