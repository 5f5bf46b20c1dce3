package dev.canarylab.lab.runtime.kube.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canarylab.lab.ExitCodes;
import dev.canarylab.lab.LabException;
import dev.canarylab.lab.runtime.RouteMatch;
import dev.canarylab.lab.runtime.RouteMatch.Mode;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Route conditions as Traefik v3 rules. The regular expressions are checked with Java's engine, which agrees with
 * Go's RE2 on the constructs generated here (groups, classes, anchors, {@code \s}).
 */
class TraefikRulesTest {

    @Test
    void anExactHeaderIsTraefiksHeaderMatcher() {
        assertThat(TraefikRules.rule(List.of(RouteMatch.header("X-Beta", Mode.EXACT, "on"))))
                .isEqualTo("Header(`X-Beta`, `on`)");
    }

    @Test
    void aPrefixIsAnAnchoredLiteralSoDotsAreNotWildcards() {
        String rule = TraefikRules.matcher(RouteMatch.header("X-Version", Mode.PREFIX, "2.1"));
        assertThat(rule).isEqualTo("HeaderRegexp(`X-Version`, `^2\\.1`)");
        Pattern p = Pattern.compile("^2\\.1");
        assertThat(p.matcher("2.10").find()).isTrue();
        assertThat(p.matcher("241").find()).isFalse();
        assertThat(p.matcher("v2.1").find()).isFalse();
    }

    @Test
    void aRegularExpressionMustMatchTheWholeValueAsOnTheLocalRouter() {
        String rule = TraefikRules.matcher(RouteMatch.header("X-User", Mode.REGEX, ".*@corp|admin"));
        assertThat(rule).isEqualTo("HeaderRegexp(`X-User`, `^(?:.*@corp|admin)$`)");
        Pattern p = Pattern.compile(regexOf(rule));
        assertThat(p.matcher("ann@corp").find()).isTrue();
        assertThat(p.matcher("admin").find()).isTrue();
        assertThat(p.matcher("ann@corp.evil").find()).isFalse();
        assertThat(p.matcher("sysadmin").find()).isFalse();
    }

    @Test
    void aCookieIsMatchedInTheCookieHeaderByNameAndWholeValue() {
        String rule = TraefikRules.matcher(RouteMatch.cookie("beta", Mode.EXACT, "yes"));
        assertThat(rule).startsWith("HeaderRegexp(`Cookie`, ");
        Pattern p = Pattern.compile(regexOf(rule));
        assertThat(p.matcher("beta=yes").find()).isTrue();
        assertThat(p.matcher("a=1; beta=yes; c=2").find()).isTrue();
        assertThat(p.matcher("a=1;beta=yes").find()).isTrue();
        assertThat(p.matcher("xbeta=yes").find()).isFalse();
        assertThat(p.matcher("beta=yesno").find()).isFalse();
        assertThat(p.matcher("a=beta=yes").find()).isFalse();
    }

    @Test
    void cookiePrefixAndRegexKeepToTheCookiesOwnValue() {
        Pattern prefix = Pattern.compile(regexOf(TraefikRules.matcher(RouteMatch.cookie("plan", Mode.PREFIX, "pro"))));
        assertThat(prefix.matcher("a=1; plan=pro-2024").find()).isTrue();
        assertThat(prefix.matcher("plan=basic; x=pro").find()).isFalse();
        Pattern regex = Pattern.compile(regexOf(TraefikRules.matcher(RouteMatch.cookie("uid", Mode.REGEX, "[0-4][0-9]"))));
        assertThat(regex.matcher("uid=42; a=1").find()).isTrue();
        assertThat(regex.matcher("uid=420").find()).isFalse();
    }

    @Test
    void conditionsJoinWithAnd() {
        assertThat(TraefikRules.rule(List.of(RouteMatch.header("X-Beta", Mode.EXACT, "on"),
                RouteMatch.cookie("plan", Mode.PREFIX, "pro"))))
                .isEqualTo("Header(`X-Beta`, `on`) && HeaderRegexp(`Cookie`, `(?:^|;\\s*)plan=pro`)");
    }

    @Test
    void whatTraefikCannotExpressIsRefusedInOneLine() {
        assertThatThrownBy(() -> TraefikRules.rule(List.of(RouteMatch.header("X-Beta", Mode.EXACT, "o`n"))))
                .isInstanceOf(LabException.class).hasMessage("header X-Beta = o`n: a backtick cannot go into a Traefik rule")
                .extracting(e -> ((LabException) e).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThatThrownBy(() -> TraefikRules.rule(List.of(RouteMatch.header("X-User", Mode.REGEX, "(?!bot).*"))))
                .hasMessageContaining("Go RE2").hasMessageContaining("lookaround");
        assertThatThrownBy(() -> TraefikRules.rule(List.of(RouteMatch.header("X-User", Mode.REGEX, "(a)\\1"))))
                .hasMessageContaining("back-references");
    }

    /** The regular expression between the second pair of backticks. */
    private static String regexOf(String rule) {
        int start = rule.indexOf("`, `") + 4;
        return rule.substring(start, rule.lastIndexOf('`'));
    }
}
