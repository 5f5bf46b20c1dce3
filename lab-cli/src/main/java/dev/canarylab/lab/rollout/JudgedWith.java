package dev.canarylab.lab.rollout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which canary config judged a rollout, and the runtime it ran on, as its report keeps them: so that
 * {@code lab check} can tell a rollout judged with the attendee's {@code my-canary.yaml} from one judged with the
 * built-in config, or with an earlier edit of the same file (the hash differs).
 *
 * @param config       the config file as given (null: the built-in config)
 * @param configSha256 the SHA-256 of that file's bytes when the rollout started, in hex (null: built-in or unknown)
 * @param runtime      local, k3s or kube (null: not recorded, as in reports written before it was)
 */
public record JudgedWith(String config, String configSha256, String runtime) {

    /** What a report written before these fields existed says. */
    public static final JudgedWith UNKNOWN = new JudgedWith(null, null, null);

    /** The config file {@code config} (null: the built-in config), hashed now, on {@code runtime}. */
    public static JudgedWith of(Path config, String runtime) {
        return new JudgedWith(config == null ? null : config.toString(), config == null ? null : sha256(config),
                runtime);
    }

    /** The SHA-256 of a file's bytes in hex, or null when it cannot be read. */
    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
