package dev.canarylab.sample;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The endpoints that say which version answered: {@code /}, {@code /api/color} and {@code /version}. */
final class InfoHandlers {

    private final SampleConfig config;
    private final Instant started = Instant.now();
    private final Supplier<Faults> faults;
    private final String page;

    InfoHandlers(SampleConfig config, Supplier<Faults> faults) {
        this.config = config;
        this.faults = faults;
        this.page = template()
                .replace("{{version}}", config.version())
                .replace("{{color}}", config.color())
                .replace("{{track}}", config.track().name())
                .replace("{{instance}}", config.instanceId());
    }

    private static String template() {
        try (InputStream in = InfoHandlers.class.getResourceAsStream("/index.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void home(Context ctx) {
        ctx.html(page);
    }

    void color(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", config.version());
        body.put("color", config.color());
        body.put("track", config.track().name());
        body.put("instance", config.instanceId());
        ctx.json(body);
    }

    void version(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", config.version());
        body.put("color", config.color());
        body.put("track", config.track().name());
        body.put("instance", config.instanceId());
        body.put("seed", config.seed());
        body.put("started", started.toString());
        body.put("faults", faults.get().describe());
        ctx.json(body);
    }
}
