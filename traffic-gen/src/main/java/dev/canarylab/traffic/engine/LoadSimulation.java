package dev.canarylab.traffic.engine;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.Cookie;
import static io.gatling.javaapi.http.HttpDsl.addCookie;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.canarylab.traffic.TrafficOptions;
import dev.canarylab.traffic.mix.Endpoint;
import dev.canarylab.traffic.mix.Success;
import dev.canarylab.traffic.shape.Segment;
import dev.canarylab.traffic.users.Users;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Gatling simulation behind every run: an open model of virtual users that each send one request (or
 * {@code --requests-per-user}, a think time apart, keeping their cookies), chosen by the seeded mix, and report
 * each outcome to the run's recorder.
 */
public final class LoadSimulation extends Simulation {

    private static final String ENDPOINT = "tg.endpoint";
    private static final String SENT_AT = "tg.sentAt";
    private static final String RESPONSE_MS = "tg.responseMs";
    private static final String STATUS = "tg.status";
    private static final String TURN = "tg.turn";
    private static final String WITH_HEADERS = "tg.withHeaders";
    private static final String WITH_COOKIES = "tg.withCookies";

    private final RunContext run = RunContext.current();

    public LoadSimulation() {
        TrafficOptions o = run.options();
        HttpProtocolBuilder protocol = http.baseUrl(o.baseUrl())
                .warmUp(run.warmUpUrl())
                .disableCaching()
                .disableFollowRedirect();
        if (o.shareConnections()) {
            protocol = protocol.shareConnections();
        }
        // Two variants of each request: without and with the extra headers, which only the header share sends.
        int n = o.endpoints().size();
        List<Choice.WithKey> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requests.add(onCase(i).then(request(i, o.endpoints().get(i), Map.of(), o)));
            requests.add(onCase(n + i).then(request(i, o.endpoints().get(i), o.headers(), o)));
        }
        Users users = o.users();
        setUp(scenario("traffic")
                        .exec(session -> {
                            long user = run.nextUser();
                            return session.set(WITH_HEADERS, run.cohorts().header(user))
                                    .set(WITH_COOKIES, run.cohorts().cookie(user));
                        })
                        .doIf(session -> session.getBoolean(WITH_COOKIES)).then(cookies(users))
                        .repeat(users.requestsPerUser(), TURN).on(
                                exec(session -> {
                                    long now = System.nanoTime();
                                    run.sent(now);
                                    int key = run.nextEndpoint() + (session.getBoolean(WITH_HEADERS) ? n : 0);
                                    return session.remove(STATUS).remove(RESPONSE_MS).set(ENDPOINT, key).set(SENT_AT, now);
                                })
                                .exec(doSwitch(session -> session.getInt(ENDPOINT)).on(requests))
                                .doIf(session -> session.getInt(TURN) < users.requestsPerUser() - 1)
                                .then(pause(users.thinkTime())))
                        .exec(session -> {
                            run.userFinished();
                            return session;
                        })
                        .injectOpen(injection(users)),
                stopWatch().injectOpen(atOnceUsers(1)))
                .protocols(protocol);
    }

    /** The user's starting cookies, in its own jar (for the target's host), beside those the target will set. */
    private static ChainBuilder cookies(Users users) {
        ChainBuilder chain = exec(session -> session);
        for (Map.Entry<String, String> c : users.cookies().entrySet()) {
            String value = c.getValue();
            // a function, not a string: a value is sent as written, never read as Gatling's expression language
            chain = chain.exec(addCookie(Cookie(c.getKey(), session -> value)));
        }
        return chain;
    }

    /**
     * One user that checks for a stop request four times a second until the injection is over and the last user
     * has sent its last request. Gatling stops only from inside a scenario, and the traffic's own users may be
     * seconds apart at a low rate.
     */
    private ScenarioBuilder stopWatch() {
        return scenario("stop-watch")
                .asLongAs(session -> !run.stopRequested() && !run.usersDone())
                .on(pause(Duration.ofMillis(250)))
                .exec(stopLoadGeneratorIf("traffic-gen was asked to stop", session -> run.stopRequested()));
    }

    private ChainBuilder request(int index, Endpoint endpoint, Map<String, String> extraHeaders, TrafficOptions o) {
        // The two saving checks come first: Gatling stops at the first failing check, and the status one fails
        // for every 4xx/5xx, whose time and code the summary still needs.
        HttpRequestActionBuilder request = http(endpoint.name())
                .httpRequest(endpoint.method(), endpoint.path())
                .requestTimeout(o.timeout())
                .headers(extraHeaders)
                .headers(endpoint.headers())
                .check(responseTimeInMillis().saveAs(RESPONSE_MS), status().saveAs(STATUS),
                        endpoint.success().equals(Success.DEFAULT) ? status().lt(400)
                                : status().in(endpoint.success().statuses()));
        if (endpoint.body() != null) {
            // bytes, not StringBody: a body is sent as written, never read as Gatling's expression language
            request = request.body(ByteArrayBody(endpoint.body().getBytes(StandardCharsets.UTF_8)));
        }
        return exec(request).exec(session -> record(index, session));
    }

    private Session record(int index, Session session) {
        Integer status = session.contains(STATUS) ? session.getInt(STATUS) : null;
        long millis = session.contains(RESPONSE_MS) ? session.getInt(RESPONSE_MS)
                : (System.nanoTime() - session.getLong(SENT_AT)) / 1_000_000;
        String error = null;
        if (session.isFailed()) {
            error = status != null ? "HTTP " + status
                    : millis >= run.options().timeout().toMillis() ? "no response: timed out" : "no response: connection failed";
        }
        run.recorder().finished(index, millis, status, error);
        // A user sends several requests: one failure must not mark the next ones as failed too.
        return session.markAsSucceeded();
    }

    /** Users arrive at the shape's rate divided by the requests each sends, so requests follow the shape. */
    private List<OpenInjectionStep> injection(Users users) {
        double f = users.arrivalsPerRequest();
        List<OpenInjectionStep> steps = new ArrayList<>();
        for (Segment s : run.profile().segments()) {
            if (s.fromRps() == s.toRps()) {
                steps.add(s.fromRps() == 0 ? nothingFor(s.length()) : constantUsersPerSec(f * s.fromRps()).during(s.length()));
            } else {
                steps.add(rampUsersPerSec(f * s.fromRps()).to(f * s.toRps()).during(s.length()));
            }
        }
        return steps;
    }
}
