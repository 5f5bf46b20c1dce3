package dev.canarylab.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/stories}: the "spud-stories" feed, a business payload of a few KB. The body is rendered once;
 * the payload-bloat fault appends a padding field of the configured size.
 */
final class StoriesHandler implements Handler {

    private static final String[] TITLES = {
            "The potato that learned to deploy on Fridays", "Mash first, ask questions later",
            "Twelve ways to roast a regression", "Why our fries are always p99", "A gentle introduction to tuber routing",
            "Baking with feature flags", "The hash brown consistency model", "Chips, dips and canary trips",
            "Sweet potatoes are not a rollback strategy", "Gnocchi and the art of the blue-green switch",
            "Scaling rösti to a million requests", "When the jacket potato timed out"};
    private static final String[] AUTHORS = {"Ada Spudsworth", "Linus Tuber", "Grace Mashley", "Ken Chippington",
            "Barbara Rooster", "Dennis Russet"};
    private static final String[] TAGS = {"ops", "release", "latency", "kitchen", "sre", "canary", "metrics", "fries"};

    private final byte[] body;
    private final LongSupplier bloat;
    private volatile Rendered cached;

    private record Rendered(long bloat, byte[] bytes) {
    }

    StoriesHandler(SampleConfig config, ObjectMapper json, LongSupplier bloat) throws JsonProcessingException {
        this.bloat = bloat;
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("version", config.version());
        feed.put("color", config.color());
        feed.put("instance", config.instanceId());
        feed.put("stories", stories());
        this.body = json.writeValueAsBytes(feed);
        this.cached = new Rendered(0, body);
    }

    // The stories are the same for every version and run, so payload sizes compare across versions.
    private static List<Map<String, Object>> stories() {
        Random random = new Random(20261122L);
        Instant published = Instant.parse("2026-11-01T09:00:00Z");
        List<Map<String, Object>> stories = new ArrayList<>();
        for (int i = 0; i < TITLES.length; i++) {
            Map<String, Object> story = new LinkedHashMap<>();
            story.put("id", 1000 + i);
            story.put("title", TITLES[i]);
            story.put("author", AUTHORS[random.nextInt(AUTHORS.length)]);
            story.put("published", published.plusSeconds(3600L * 7 * i).toString());
            int tag = random.nextInt(TAGS.length);
            story.put("tags", List.of(TAGS[tag], TAGS[(tag + 1 + random.nextInt(TAGS.length - 1)) % TAGS.length]));
            story.put("votes", 10 + random.nextInt(990));
            story.put("comments", random.nextInt(120));
            story.put("summary", "Story " + (i + 1) + " of the spud-stories feed: " + TITLES[i].toLowerCase()
                    + ", told by someone who has shipped it to production and lived to tell the tale.");
            stories.add(story);
        }
        return stories;
    }

    @Override
    public void handle(Context ctx) {
        ctx.contentType("application/json").result(render(bloat.getAsLong()));
    }

    byte[] render(long extra) {
        Rendered r = cached;
        if (r.bloat() != extra) {
            r = new Rendered(extra, extra == 0 ? body : pad(extra));
            cached = r;
        }
        return r.bytes();
    }

    /** The same JSON with {@code ,"padding":"..."} before the closing brace: exactly {@code extra} more bytes. */
    private byte[] pad(long extra) {
        byte[] prefix = ",\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
        long fill = Math.max(0, extra - prefix.length - 1);
        byte[] out = new byte[Math.toIntExact(body.length + prefix.length + fill + 1)];
        int at = body.length - 1;
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(prefix, 0, out, at, prefix.length);
        at += prefix.length;
        java.util.Arrays.fill(out, at, at + (int) fill, (byte) 'x');
        at += (int) fill;
        out[at++] = '"';
        out[at] = '}';
        return out;
    }
}
