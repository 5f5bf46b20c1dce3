package dev.canarylab.lab.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canarylab.lab.catalog.VersionSpec;
import dev.canarylab.lab.runtime.Track;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherTest {

    private final String token = Launcher.newAdminToken();
    private final Launcher launcher = new Launcher(Path.of("sample-app.jar"), "96m", 42, 1234, token);

    @Test
    void theAdminTokenIsInTheChildsEnvironmentNeverOnItsCommandLineNorInLogs() {
        VersionSpec v2 = new VersionSpec("v2", "green", "", Map.of("error-rate", "0.05"));
        assertThat(launcher.command(v2, Track.CANARY, "v2-canary-1", 0)).noneMatch(arg -> arg.contains(token))
                .doesNotContain("--admin-token");
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin"));
        launcher.environment(env);
        assertThat(env).containsEntry("SAMPLE_ADMIN_TOKEN", token).containsEntry("PATH", "/usr/bin");
        assertThat(launcher.toString()).doesNotContain(token);
    }

    @Test
    void inheritedSampleVariablesDoNotReachTheChild() {
        Map<String, String> env = new HashMap<>(Map.of("SAMPLE_ADMIN_TOKEN", "known", "SAMPLE_MANAGEMENT_PORT", "9090",
                "SAMPLE_ERROR_RATE", "1", "HOME", "/home/lab"));
        launcher.environment(env);
        assertThat(env).containsOnlyKeys("SAMPLE_ADMIN_TOKEN", "HOME").containsEntry("SAMPLE_ADMIN_TOKEN", token);
    }

    @Test
    void everyLabHasItsOwnLongRandomToken() {
        assertThat(token).matches("[0-9a-f]{64}").isNotEqualTo(Launcher.newAdminToken());
    }
}
