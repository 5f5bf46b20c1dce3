package dev.canarylab.lab.command;

import dev.canarylab.lab.runtime.Audience;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that bring up a lab of their own (`lab demo`, `lab test`), on any runtime. */
public final class LocalLabOptions {

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    InstanceOptions instance;

    @Mixin
    AudienceOptions audience;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "Where reports go (default: reports/ in the state directory).")
    Path reports;

    void validate() {
        runtime.validate();
        audience();
    }

    /** Audience mode as asked for, checked (the lab's router is on loopback); null when off. */
    Audience audience() {
        return audience.resolve(instance.port, "127.0.0.1", runtime.local());
    }

    Path reportDir(StateDirOption state) {
        return reports != null ? reports : state.dir.resolve("reports");
    }
}
