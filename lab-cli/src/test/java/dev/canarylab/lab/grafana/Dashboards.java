package dev.canarylab.lab.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The dashboards and provisioning files of {@code grafana/}, and the PromQL in them. */
public final class Dashboards {

    public static final Path DIR = Path.of("..", "grafana");

    /** Values for the template variables, as Grafana would substitute them with "All" selected. */
    public static final Map<String, String> VARIABLES = Map.of("$namespace", "canary-lab", "$track", ".+",
            "$instance", ".+", "$__rate_interval", "4s", "$__interval", "2s", "$__range", "1m");

    /** One PromQL expression of a panel (or variable). */
    public record Expr(String where, String promql) {
    }

    private Dashboards() {
    }

    public static List<Path> files() {
        try (Stream<Path> s = Files.list(DIR.resolve("dashboards"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    public static JsonNode provisioning(String file) {
        try {
            return new YAMLMapper().readTree(DIR.resolve("provisioning").resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel target's expr, with variables substituted; label_values() of query variables too. */
    public static List<Expr> expressions() {
        List<Expr> out = new ArrayList<>();
        for (Path f : files()) {
            JsonNode d = read(f);
            for (JsonNode p : d.path("panels")) {
                for (JsonNode t : p.path("targets")) {
                    out.add(new Expr(f.getFileName() + " panel " + p.path("id").asInt() + " '" + p.path("title").asText()
                            + "' " + t.path("refId").asText(), substitute(t.path("expr").asText())));
                }
            }
            for (JsonNode v : d.path("templating").path("list")) {
                String q = v.path("query").path("query").asText("");
                if (q.startsWith("label_values(")) {
                    // label_values(selector, label) is Grafana's; the selector itself must find series.
                    String selector = q.substring("label_values(".length(), q.lastIndexOf(','));
                    out.add(new Expr(f.getFileName() + " variable " + v.path("name").asText(), substitute(selector)));
                }
            }
        }
        return out;
    }

    static String substitute(String expr) {
        String s = expr;
        // Longest names first, so $__rate_interval is not cut by a shorter one.
        for (String k : VARIABLES.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList()) {
            s = s.replace(k, VARIABLES.get(k));
        }
        return s;
    }
}
