package dev.canarylab.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What sample-app itself counted, read from its Prometheus /metrics. */
final class ServerMetrics {

    private static final Pattern COUNT = Pattern.compile("^http_server_requests_seconds_count\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Requests per uri, and of those the ones answered with status 400 or more. */
    record Counts(Map<String, Long> requests, Map<String, Long> failed) {
    }

    private ServerMetrics() {
    }

    static Counts scrape(int port) throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> requests = new HashMap<>();
        Map<String, Long> failed = new HashMap<>();
        Matcher m = COUNT.matcher(text);
        while (m.find()) {
            Map<String, String> labels = new HashMap<>();
            Matcher l = LABEL.matcher(m.group(1));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            long n = (long) Double.parseDouble(m.group(2));
            requests.merge(labels.get("uri"), n, Long::sum);
            if (Integer.parseInt(labels.get("status")) >= 400) {
                failed.merge(labels.get("uri"), n, Long::sum);
            }
        }
        return new Counts(requests, failed);
    }
}
