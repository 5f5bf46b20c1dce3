package dev.canarylab.sample;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /admin/faults}: GET reads, PUT replaces (fields left out are off), PATCH changes only the fields given,
 * DELETE clears every fault. With an admin token, requests must carry {@code Authorization: Bearer <token>}.
 */
final class AdminHandler {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final byte[] token;
    private final FaultInjection faults;
    private final ObjectReader reader;

    AdminHandler(String token, FaultInjection faults, ObjectMapper json) {
        this.token = token == null || token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.faults = faults;
        // A field given twice or text after the object would be silently dropped otherwise: the user meant something.
        this.reader = json.readerFor(FIELDS).with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Rejects requests without the token before any admin handler runs. */
    Handler authorize() {
        return ctx -> {
            if (token == null) {
                return;
            }
            String given = ctx.header("Authorization");
            if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
                ctx.header("WWW-Authenticate", "Bearer").status(401)
                        .json(Map.of("error", "admin token required: send Authorization: Bearer <token>"));
                ctx.skipRemainingHandlers();
            }
        };
    }

    void get(Context ctx) {
        ctx.json(view());
    }

    void put(Context ctx) {
        change(ctx, Faults.NONE);
    }

    void patch(Context ctx) {
        change(ctx, faults.faults());
    }

    void delete(Context ctx) {
        faults.replace(Faults.NONE);
        System.err.println("sample-app: faults cleared through the admin API");
        ctx.json(view());
    }

    private void change(Context ctx, Faults base) {
        Faults next;
        try {
            Map<String, Object> fields = reader.readValue(ctx.bodyAsBytes());
            if (fields == null) {
                throw new IllegalArgumentException("expected a JSON object of faults");
            }
            fields.remove("active"); // what GET shows alongside the faults, so a GET body can be PUT back
            next = Faults.fromMap(fields, base);
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", e.getMessage()));
            return;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.status(400).json(Map.of("error", "expected a JSON object of faults: " + e.getOriginalMessage()));
            return;
        } catch (java.io.IOException e) {
            ctx.status(400).json(Map.of("error", "could not read the request body: " + e.getMessage()));
            return;
        }
        faults.replace(next);
        System.err.println("sample-app: faults set through the admin API: " + describe(next));
        ctx.json(view());
    }

    private static String describe(Faults f) {
        return f.describe().isEmpty() ? "none" : String.join(", ", f.describe());
    }

    private Map<String, Object> view() {
        Faults f = faults.faults();
        Map<String, Object> body = new LinkedHashMap<>(f.toMap());
        body.put("active", f.describe());
        return body;
    }
}
